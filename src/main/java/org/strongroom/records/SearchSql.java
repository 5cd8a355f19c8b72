package org.strongroom.records;

import java.sql.Timestamp;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.strongroom.search.Clause;
import org.strongroom.search.Field;
import org.strongroom.search.SearchQuery;

/**
 * The SQL of one search: which records the caller may see and the query matches
 * ({@link #where}), their order, the total, a page and the facet counts. Every value is a bound
 * parameter; the query's words reach SQL only through the {@link SearchDialect}.
 * RecordQueryPlanTests checks which index H2 takes for the plain list.
 *
 * <p>When the dialect answers the whole query from its own index ({@code matches}, PostgreSQL's
 * postings), the total, page and facets are taken from those rows and {@code where} is null; a
 * query of several words is totalled and paged from its word sets ({@code wordSets},
 * {@link WordSetSearch}) and only faceted from the matches.
 */
record SearchSql(String where, String rank, String order, Map<String, Object> params, RecordSort sort,
    boolean narrowed, String matches, PostgresPostings.Ranked ranked, List<String> wordSets,
    RecordStore.Visibility visibility) {

  /** What a page reads: {@link RecordStore}'s columns, then title_sort and the score for cursors. */
  static final String COLUMNS = "id, owner_id, access, metadata, revision, created, updated, deleted, title_sort";

  static SearchSql of(SearchDialect dialect, RecordStore.Visibility visibility, SearchQuery search,
      Map<Facet, List<String>> filters, RecordSort sort) {
    Map<String, Object> matchParams = new LinkedHashMap<>();
    var matches = dialect.matches(visibility, search, filters, sort, matchParams);
    if (matches.isPresent()) {
      // Every row of the matches has a score; bestmatch orders by it.
      String order = sort == RecordSort.BESTMATCH ? " order by score desc, created desc, id" : " order by created desc, id";
      var ranked = dialect.ranked(visibility, search, filters, sort, matchParams).orElse(null);
      var words = dialect.wordSets(search, filters, sort).orElse(null);
      return new SearchSql(null, "score", order, matchParams, sort, true, matches.get(), ranked, words, visibility);
    }
    StringBuilder where = new StringBuilder(" where deleted is null");
    Map<String, Object> params = new LinkedHashMap<>();
    if (!visibility.everything()) {
      if (visibility.userId() == null) {
        where.append(" and access = 'public'");
      } else {
        where.append(" and (access = 'public' or owner_id = :viewer)");
        params.put("viewer", visibility.userId());
      }
    }
    search.root().ifPresent(root -> where.append(" and ").append(condition(dialect, root, params)));
    filters.forEach((facet, values) -> where.append(" and ").append(filter(facet, values, params)));
    boolean ranked = sort == RecordSort.BESTMATCH && !search.wanted().isEmpty();
    String rank = ranked ? dialect.rank(search.wanted(), params) : "cast(0 as real)";
    String order = switch (sort) {
      case MOSTRECENT -> " order by created desc, id";
      case TITLE -> " order by title_sort, id";
      case BESTMATCH -> ranked ? " order by score desc, created desc, id" : " order by created desc, id";
    };
    RecordSort effective = sort == RecordSort.BESTMATCH && !ranked ? RecordSort.MOSTRECENT : sort;
    return new SearchSql(where.toString(), rank, order, params, effective,
        search.root().isPresent() || !filters.isEmpty(), null, null, null, visibility);
  }

  private static String condition(SearchDialect dialect, Clause clause, Map<String, Object> params) {
    var whole = dialect.whole(clause, params);
    if (whole.isPresent()) {
      return whole.get();
    }
    if (clause instanceof Clause.Words words) {
      return dialect.words(words, params);
    }
    if (clause instanceof Clause.Exact exact) {
      String column = exact.field() == Field.TYPE ? "resource_type" : "license";
      return column + " = " + SearchDialect.param(params, exact.value());
    }
    if (clause instanceof Clause.Years years) {
      return "pub_year between " + SearchDialect.param(params, years.from()) + " and "
          + SearchDialect.param(params, years.to());
    }
    if (clause instanceof Clause.Not not) {
      // A record without a type (null) is also "not type:dataset".
      return "not coalesce(" + condition(dialect, not.clause(), params) + ", false)";
    }
    List<Clause> parts = clause instanceof Clause.AllOf all ? all.clauses() : ((Clause.AnyOf) clause).clauses();
    List<String> conditions = new ArrayList<>();
    for (Clause part : parts) {
      conditions.add(condition(dialect, part, params));
    }
    return "(" + String.join(clause instanceof Clause.AllOf ? " and " : " or ", conditions) + ")";
  }

  private static String filter(Facet facet, List<String> values, Map<String, Object> params) {
    Object bound = facet == Facet.YEAR ? values.stream().map(Integer::valueOf).toList() : values;
    String list = SearchDialect.param(params, bound);
    return facet == Facet.KEYWORD
        ? "exists (select 1 from record_keywords f where f.record_id = r.id and f.keyword in (" + list + "))"
        : facet.column() + " in (" + list + ")";
  }

  String count() {
    return "select count(*) from records r" + where;
  }

  /** One page ({@code :size}, {@code :offset} to bind), after a cursor's position if given. */
  String page(SearchCursor.Position after, Map<String, Object> into) {
    into.putAll(params);
    String keyset = after == null ? "" : " and " + keyset(after, into, rank);
    return "select " + COLUMNS + ", " + rank + " as score from records r" + where + keyset + order
        + " limit :size offset :offset";
  }

  /**
   * The total and one page in one statement, for PostgreSQL: each matching row is read once
   * (its id, order keys and score kept), counted, and the page's rows read again by id. As two
   * statements, the count and the page each read every matching row of the table. Columns:
   * {@link #COLUMNS}, the score, the total; a single row of nulls but the total when the page is
   * empty.
   */
  String totalAndPage(SearchCursor.Position after, Map<String, Object> into) {
    into.putAll(params);
    if (ranked != null) {
      return rankedTotalAndPage(after, into);
    }
    String keyset = after == null ? "" : " where " + keyset(after, into, "score");
    String m = matches != null ? matches
        : "select r.id, r.created, r.title_sort, " + rank + " as score from records r" + where;
    return "with m as materialized (" + m + "), page as (select * from m r" + keyset + order + " limit :size offset :offset)"
        + " select p.id, r.owner_id, r.access, r.metadata, r.revision, r.created, r.updated, r.deleted,"
        + " r.title_sort, p.score, t.total from (select count(*) as total from m) t"
        + " left join (page p join records r on r.id = p.id) on true" + order;
  }

  /**
   * {@link #totalAndPage} of a one-term query: the total from its document frequencies, the page
   * from the top of each visible viewer's postings in bestmatch order, then the page's rows.
   */
  private String rankedTotalAndPage(SearchCursor.Position after, Map<String, Object> into) {
    String keyset = "";
    if (after != null) {
      into.put("afterId", after.id());
      into.put("afterCreated", Timestamp.from(after.created()));
      into.put("afterScore", after.score());
      // The first condition bounds the index range; the rest drops the ties already served.
      keyset = " and p.score <= cast(:afterScore as real) and (p.score < cast(:afterScore as real)"
          + " or p.created < :afterCreated or (p.created = :afterCreated and p.record_id > :afterId))";
    }
    return "with page as (select * from (" + ranked.top(keyset) + ") r" + order + " limit :size offset :offset)"
        + " select p.id, r.owner_id, r.access, r.metadata, r.revision, r.created, r.updated, r.deleted,"
        + " r.title_sort, p.score, t.total from (" + ranked.total() + ") t(total) left join (page p join records r on r.id = p.id) on true" + order;
  }

  /** The rows after the cursor's in this order (ids are unique, so it is a total order). */
  private String keyset(SearchCursor.Position after, Map<String, Object> into, String score) {
    into.put("afterId", after.id());
    into.put("afterCreated", Timestamp.from(after.created()));
    String byCreated = "(created < :afterCreated or (created = :afterCreated and r.id > :afterId))";
    return switch (sort) {
      case MOSTRECENT -> byCreated;
      case TITLE -> {
        into.put("afterTitle", after.titleSort());
        yield "(title_sort > :afterTitle or (title_sort = :afterTitle and r.id > :afterId))";
      }
      case BESTMATCH -> {
        into.put("afterScore", after.score());
        yield "(" + score + " < cast(:afterScore as real) or (" + score + " = cast(:afterScore as real) and "
            + byCreated + "))";
      }
    };
  }

  /**
   * Every facet asked for in one statement when the dialect gave the matches (columns facet,
   * bucket, doc_count; each facet's buckets in {@link #facet}'s order): type, license and year
   * in one pass over the matches (grouping sets), keywords by a lookup per match, instead of one
   * materialised pass per facet; for one word in any field, from {@link TermFacets} without
   * reading the matches. Empty when the facets are counted on the records.
   */
  java.util.Optional<String> facets(java.util.Set<Facet> facets) {
    if (matches == null || facets.isEmpty()) {
      return java.util.Optional.empty();
    }
    if (ranked != null && ranked.word()) {
      return java.util.Optional.of(ranked.facets(facets.stream().map(Facet::parameter).toList()));
    }
    List<String> sets = new ArrayList<>();
    List<String> names = new ArrayList<>();
    List<String> values = new ArrayList<>();
    for (Facet facet : facets) {
      if (facet != Facet.KEYWORD) {
        sets.add("(" + facet.column() + ")");
        names.add("when grouping(" + facet.column() + ") = 0 then '" + facet.parameter() + "'");
        values.add(facet == Facet.YEAR ? "cast(pub_year as varchar(11))" : facet.column());
      }
    }
    List<String> sources = new ArrayList<>();
    if (!sets.isEmpty()) {
      // In a grouping set the other columns are null: the bucket is the set's own column.
      sources.add("select case " + String.join(" ", names) + " end, coalesce(" + String.join(", ", values)
          + (values.size() == 1 ? ", null" : "") + "), count(*) from (" + matches + ") m group by grouping sets ("
          + String.join(", ", sets) + ")");
    }
    if (facets.contains(Facet.KEYWORD)) {
      // Keywords are not carried by the matches: looked up by record id.
      sources.add("select 'keyword', k.keyword, count(*) from (" + matches + ") m"
          + " join record_keywords k on k.record_id = m.id group by k.keyword");
    }
    return java.util.Optional.of("select facet, bucket, doc_count from (select facet, bucket, doc_count,"
        + " row_number() over (partition by facet order by doc_count desc,"
        + " case when facet = 'year' then cast(bucket as integer) end, bucket) as n from ("
        + String.join(" union all ", sources) + ") f(facet, bucket, doc_count) where bucket is not null) x"
        + " where n <= " + Facet.BUCKETS + " order by facet, n");
  }

  /** The facet's buckets among the matching records: most frequent first, then by key. */
  String facet(Facet facet) {
    if (matches != null) {
      // The matches carry the facet columns; only keywords are looked up, by record id.
      String key = facet == Facet.KEYWORD ? "k.keyword" : facet.column();
      String from = facet == Facet.KEYWORD ? " from m join record_keywords k on k.record_id = m.id"
          : " from m where " + key + " is not null";
      return "with m as materialized (" + matches + ") select " + key + " as bucket, count(*) as doc_count"
          + from + " group by " + key + " order by doc_count desc, bucket limit " + Facet.BUCKETS;
    }
    String key = facet == Facet.KEYWORD ? "k.keyword" : facet.column();
    String from = facet == Facet.KEYWORD
        ? " from records r join record_keywords k on k.record_id = r.id" : " from records r";
    String present = facet == Facet.KEYWORD ? "" : " and " + key + " is not null";
    return "select " + key + " as bucket, count(*) as doc_count" + from + where + present
        + " group by " + key + " order by doc_count desc, bucket limit " + Facet.BUCKETS;
  }
}
