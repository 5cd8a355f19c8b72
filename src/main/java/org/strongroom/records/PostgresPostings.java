package org.strongroom.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.search.Clause;
import org.strongroom.search.SearchQuery;

/**
 * PostgreSQL's postings ({@code search_postings}, V120): one btree row per term of a live
 * record, so that the words of a query are counted, intersected, ranked and faceted from the
 * index alone (an index-only scan; a GIN index has no visibility, so its exact counts read one
 * table row per match). The terms are a word in any field ({@code ocean}), a word in a field
 * ({@code a~ocean}), two neighbouring words of a field ({@code a=deep~ocean}) and two neighbouring
 * words of any one field ({@code =deep~ocean}, V123), each with the ts_rank_cd the record gets for
 * it alone (an any-field pair: the sum of its fields' pairs); {@code search_terms()} derives them
 * from the stored vector, for the write path, the backfills (V121, V123) and the bench seed alike.
 *
 * <p>A query of words, field words and two-word phrases, all required, is answered here; a
 * prefix, a longer phrase, OR, a {@code -}, {@code type:}/{@code license:}/{@code year:} in the
 * query, the title order or a stemming language go through the GIN index as before
 * ({@link PostgresSearch}). Its words must be ASCII letters and digits: those are exactly one
 * lexeme of the {@code simple} configuration, so the term is the word as the index made it.
 */
final class PostgresPostings {

  /** More terms than this go through the GIN index (each is one more index range to join). */
  static final int MAX_TERMS = 8;
  private static final Pattern PLAIN = Pattern.compile("[a-z0-9]{1,100}");

  private static final String OLD_TERMS = "array(select t.term from records r, search_terms(r.search_vector) t"
      + " where r.id = :id)";
  /** A record's postings, found by the terms of its stored vector (the btree has no record_id index). */
  static final String DELETE = "delete from search_postings where term = any(" + OLD_TERMS + ")"
      + " and viewer in (0, (select owner_id from records where id = :id)) and record_id = :id";
  /** A live record's postings from its stored vector and search columns. */
  static final String INSERT = "insert into search_postings (term, viewer, record_id, score, created,"
      + " resource_type, license, pub_year) select t.term, " + viewer("r") + ", r.id, t.score, r.created,"
      + " r.resource_type, r.license, r.pub_year from records r, search_terms(r.search_vector) t"
      + " where r.id = :id and r.deleted is null";
  /** The backfill's and the seed's form of {@link #INSERT}: every live record. */
  static final String INSERT_ALL = INSERT.replace(" r.id = :id and", "");
  static final String INDEX = "create index search_postings_term on search_postings (term, viewer, record_id)"
      + " include (score, created, resource_type, license, pub_year)";
  /**
   * A term's postings of one viewer in bestmatch order (V122): the first page of a one-term
   * query reads its own entries and no others.
   */
  static final String RANK_INDEX = "create index search_postings_rank on search_postings"
      + " (term, viewer, score desc, created desc, record_id)";

  private PostgresPostings() {}

  /** 0 for a public record, else its owner: who besides superusers may count it. */
  static String viewer(String records) {
    return "case when " + records + ".access = 'public' then 0 else " + records + ".owner_id end";
  }

  /** Rewrites the record's postings around {@code writeVector}, their word sets and document frequencies. */
  static void rewrite(JdbcClient jdbc, String id, Runnable writeVector) {
    List<WordSets.Posting> deleted = returning(jdbc, DELETE, id);
    writeVector.run();
    List<WordSets.Posting> inserted = returning(jdbc, INSERT, id);
    WordSets.apply(jdbc, id, deleted, inserted);
    TermCounts.apply(jdbc, keys(deleted), keys(inserted));
  }

  /** Deletes a deleted record's postings, their word sets and document frequencies. */
  static void remove(JdbcClient jdbc, String id) {
    List<WordSets.Posting> deleted = returning(jdbc, DELETE, id);
    WordSets.apply(jdbc, id, deleted, List.of());
    TermCounts.apply(jdbc, keys(deleted), List.of());
  }

  private static List<WordSets.Posting> returning(JdbcClient jdbc, String sql, String id) {
    return jdbc.sql(sql + " returning term, viewer, score").param("id", id)
        .query((rs, n) -> new WordSets.Posting(rs.getString(1), rs.getLong(2), rs.getFloat(3))).list();
  }

  private static List<TermCounts.Key> keys(List<WordSets.Posting> postings) {
    return postings.stream().map(posting -> new TermCounts.Key(posting.term(), posting.viewer())).toList();
  }

  /**
   * {@code search_terms()} as V123 makes it: V120's terms and, for each pair of neighbouring
   * words found in any field, the pair with no field ({@code =deep~ocean}) scored as the sum of
   * its fields' pairs. A phrase in any field is then one term, totalled from its document
   * frequencies and paged from the rank index like a word, where it read and summed the four
   * fields' pairs of every match. Weights as {@link PostgresSearch}'s; lexemes hold only letters
   * and digits, search_quote escapes anyway.
   */
  static final String TERMS_FUNCTION = """
      create or replace function search_terms(v tsvector) returns table (term text, score real)
        language sql immutable parallel safe rows 92 as $$
        with pairs as materialized (
          select u.lexeme as term, ts_rank_cd('{0.4, 0.2, 0.4, 1.0}', v,
              (search_quote(left(u.lexeme, 1) || '~' || split_part(substr(u.lexeme, 3), '~', 1)) || ' <-> '
                || search_quote(left(u.lexeme, 1) || '~' || split_part(substr(u.lexeme, 3), '~', 2)))::tsquery) as score
            from unnest(v) u where u.lexeme ~ '^[a-d]=')
        select u.lexeme, ts_rank_cd('{0.4, 0.2, 0.4, 1.0}', v, search_quote(u.lexeme)::tsquery)
          from unnest(v) u where u.lexeme ~ '^[a-d]~'
        union all
        select substr(u.lexeme, 3),
            ts_rank_cd('{0.4, 0.2, 0.4, 1.0}', v, string_agg(search_quote(u.lexeme), ' | ')::tsquery)
          from unnest(v) u where u.lexeme ~ '^[a-d]~' group by substr(u.lexeme, 3)
        union all
        select term, score from pairs
        union all
        -- In the fields' order (unnest gives the lexemes sorted), as the four-pair query summed them.
        select '=' || substr(term, 3), sum(score) from pairs group by substr(term, 3)
      $$""";

  /**
   * V123's backfill: the any-field pairs of every live record, inserted in the order of the
   * postings' btrees (the new terms are one range of each), and their document frequencies.
   */
  static final String INSERT_PHRASES = "with p as (" + INSERT_ALL.replace(" where", " where t.term like '=%' and")
      + " order by 1, 2, 3 returning term, viewer) insert into search_term_counts (term, viewer, records)"
      + " select term, viewer, count(*) from p group by term, viewer";

  /**
   * The terms of a query postings can answer, one per required clause (a two-word phrase in any
   * field is its any-field pair), or empty.
   */
  static Optional<List<String>> terms(SearchQuery search) {
    if (search.root().isEmpty()) {
      return Optional.empty();
    }
    Clause root = search.root().get();
    List<Clause> required = root instanceof Clause.AllOf all ? all.clauses() : List.of(root);
    if (required.size() > MAX_TERMS) {
      return Optional.empty();
    }
    List<String> terms = new ArrayList<>();
    for (Clause clause : required) {
      if (!(clause instanceof Clause.Words words) || words.prefix() || words.words().size() > 2
          || !words.words().stream().allMatch(w -> PLAIN.matcher(w).matches())) {
        return Optional.empty();
      }
      terms.add(term(words));
    }
    return Optional.of(terms);
  }

  /** {@code ocean}, {@code a~ocean}, {@code =deep~ocean} (in any field), {@code a=deep~ocean}. */
  private static String term(Clause.Words words) {
    String field = words.field() == null ? "" : PostgresSearch.prefix(words.field());
    if (words.words().size() == 1) {
      String word = words.words().get(0);
      return field.isEmpty() ? word : field + "~" + word;
    }
    return field + "=" + words.words().get(0) + "~" + words.words().get(1);
  }

  /**
   * A query of two or more words in any field, sorted by bestmatch without filters: its words,
   * for {@link WordSetSearch}.
   */
  static Optional<List<String>> words(List<String> terms, Map<Facet, List<String>> filters, RecordSort sort) {
    if (terms.size() < 2 || !filters.isEmpty() || sort != RecordSort.BESTMATCH
        || !terms.stream().allMatch(term -> PLAIN.matcher(term).matches())) {
      return Optional.empty();
    }
    return Optional.of(terms);
  }

  /**
   * A query of one term, sorted by bestmatch without filters: its total from the document
   * frequencies ({@link TermCounts}) and its top rows from the rank index, per viewer the caller
   * may see (one to a few), merged. Reads the page's postings, not every match's.
   */
  static Optional<Ranked> ranked(List<String> terms, RecordStore.Visibility visibility,
      Map<Facet, List<String>> filters, RecordSort sort, Map<String, Object> params) {
    if (terms.size() != 1 || !filters.isEmpty() || sort != RecordSort.BESTMATCH) {
      return Optional.empty();
    }
    String term = terms.get(0);
    return Optional.of(new Ranked(SearchDialect.param(params, term), FacetCounts.visible(visibility, params),
        PLAIN.matcher(term).matches()));
  }

  /**
   * The SQL of a one-term query ({@link #ranked}); {@code term} is its bound parameter;
   * {@code word} when it is a word in any field, whose facets {@link TermFacets} counts.
   */
  record Ranked(String term, String visible, boolean word) {

    /** The facets (parameter names) from {@link TermFacets}. */
    String facets(List<String> facets) {
      return TermFacets.facets(term, visible, facets);
    }

    String total() {
      return TermCounts.total(term, visible);
    }

    /**
     * The first {@code :size + :offset} postings (record_id, score, created) of each viewer in
     * bestmatch order, after {@code keyset} (a condition on {@code p}, or empty): the caller
     * orders and limits their union.
     */
    String top(String keyset) {
      return "select s.record_id as id, s.score, s.created from search_term_counts c cross join lateral ("
          + "select p.record_id, p.score, p.created from search_postings p where p.term = c.term and p.viewer = c.viewer"
          + keyset + " order by p.score desc, p.created desc, p.record_id limit :size + :offset) s"
          + " where c.term = " + term + visible + " and c.records > 0";
    }
  }

  /**
   * The matching records the caller may see, one row each: id, created, score (the sum of the
   * terms' scores), resource_type, license, pub_year. Read from the btree only.
   */
  static String matches(List<String> terms, RecordStore.Visibility visibility,
      Map<Facet, List<String>> filters, Map<String, Object> params) {
    String visible = FacetCounts.visible(visibility, params);
    StringBuilder from = new StringBuilder();
    List<String> scores = new ArrayList<>();
    for (int i = 0; i < terms.size(); i++) {
      String source = "(select record_id, score, created, resource_type, license, pub_year from search_postings"
          + " where term = " + SearchDialect.param(params, terms.get(i)) + visible + ")";
      String alias = "g" + i;
      from.append(i == 0 ? " from " + source + " g0"
          : " join " + source + " " + alias + " on " + alias + ".record_id = g0.record_id");
      scores.add(alias + ".score");
    }
    StringBuilder where = new StringBuilder();
    filters.forEach((facet, values) -> {
      Object bound = facet == Facet.YEAR ? values.stream().map(Integer::valueOf).toList() : values;
      String list = SearchDialect.param(params, bound);
      where.append(where.isEmpty() ? " where " : " and ").append(facet == Facet.KEYWORD
          ? "exists (select 1 from record_keywords f where f.record_id = g0.record_id and f.keyword in (" + list + "))"
          : "g0." + facet.column() + " in (" + list + ")");
    });
    return "select g0.record_id as id, g0.created, " + String.join(" + ", scores) + " as score,"
        + " g0.resource_type, g0.license, g0.pub_year" + from + where;
  }
}
