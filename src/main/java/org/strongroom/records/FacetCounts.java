package org.strongroom.records;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * PostgreSQL's maintained counts ({@code search_facet_counts}, V120): the number of live records
 * per facet value and viewer (0 for public records, else the owner of restricted ones), and per
 * viewer in all ({@code total}). A list without a query or filter reads its total and facets
 * here: counting 900,000 visible records, or grouping them by a facet, reads them all on every
 * request. The write path takes a record's counted values before it changes it and applies the
 * difference afterwards, in the same transaction, in one statement whose rows are locked in one
 * order, so that two writers cannot deadlock on them.
 */
final class FacetCounts {

  static final String TOTAL = "total";

  /**
   * One counted value of one record: the facet ({@code total} for the record itself), value,
   * viewer; with a term, the value counted among the records holding that word
   * ({@link TermFacets}), else the term is empty.
   */
  record Key(String facet, String bucket, long viewer, String term) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int byTerm = term.compareTo(other.term);
      if (byTerm != 0) {
        return byTerm;
      }
      int byFacet = facet.compareTo(other.facet);
      if (byFacet != 0) {
        return byFacet;
      }
      int byViewer = Long.compare(viewer, other.viewer);
      return byViewer != 0 ? byViewer : bucket.compareTo(other.bucket);
    }
  }

  private static final String STATE = "select f.facet, f.bucket, " + PostgresPostings.viewer("r")
      + " from records r, lateral (values ('" + TOTAL + "', ''), ('type', r.resource_type), ('license', r.license),"
      + " ('year', cast(r.pub_year as varchar(11)))) f(facet, bucket)"
      + " where r.id = :id and r.deleted is null and f.bucket is not null"
      + " union all select 'keyword', k.keyword, " + PostgresPostings.viewer("r")
      + " from records r join record_keywords k on k.record_id = r.id where r.id = :id and r.deleted is null";
  /** Both: the facet counts' rows (an empty term), then the word facets' ({@link TermFacets}). */
  private static final String STATE_WITH_TERMS = "select *, '' from (" + STATE + ") s union all " + TermFacets.STATE;

  /** Every live record's values: the backfill (V121) and the seed. */
  static final String FILL = "insert into search_facet_counts (facet, bucket, viewer, records)"
      + " select f.facet, f.bucket, " + PostgresPostings.viewer("r") + ", count(*)"
      + " from records r, lateral (values ('" + TOTAL + "', ''), ('type', r.resource_type), ('license', r.license),"
      + " ('year', cast(r.pub_year as varchar(11)))) f(facet, bucket)"
      + " where r.deleted is null and f.bucket is not null group by 1, 2, 3"
      + " union all select 'keyword', k.keyword, " + PostgresPostings.viewer("r") + ", count(*)"
      + " from records r join record_keywords k on k.record_id = r.id where r.deleted is null group by 2, 3";

  private FacetCounts() {}

  /** What the record counts for now (nothing once deleted). */
  static List<Key> state(JdbcClient jdbc, String id) {
    return jdbc.sql(STATE_WITH_TERMS).param("id", id)
        .query((rs, n) -> new Key(rs.getString(1), rs.getString(2), rs.getLong(3), rs.getString(4))).list();
  }

  /** Applies the change from {@code before} to the record's values now. */
  static void update(JdbcClient jdbc, String id, List<Key> before) {
    Map<Key, Integer> delta = new TreeMap<>();
    before.forEach(key -> delta.merge(key, -1, Integer::sum));
    state(jdbc, id).forEach(key -> delta.merge(key, 1, Integer::sum));
    delta.values().removeIf(change -> change == 0);
    Map<Key, Integer> counts = new TreeMap<>();
    Map<Key, Integer> words = new TreeMap<>();
    delta.forEach((key, change) -> (key.term().isEmpty() ? counts : words).put(key, change));
    apply(jdbc, counts);
    TermFacets.apply(jdbc, words);
  }

  private static void apply(JdbcClient jdbc, Map<Key, Integer> delta) {
    if (delta.isEmpty()) {
      return;
    }
    Map<String, Object> params = new HashMap<>();
    List<String> rows = new ArrayList<>();
    delta.forEach((key, change) -> {
      int i = rows.size();
      params.put("f" + i, key.facet());
      params.put("b" + i, key.bucket());
      params.put("v" + i, key.viewer());
      params.put("c" + i, change);
      rows.add("(" + i + ", :f" + i + ", :b" + i + ", cast(:v" + i + " as bigint), cast(:c" + i + " as bigint))");
    });
    // The rows in key order (the TreeMap's), so every writer locks them in the same order.
    jdbc.sql("insert into search_facet_counts (facet, bucket, viewer, records)"
        + " select facet, bucket, viewer, records from (values " + String.join(", ", rows)
        + ") d(n, facet, bucket, viewer, records) order by n"
        + " on conflict (facet, viewer, bucket) do update set records = search_facet_counts.records + excluded.records")
        .params(params).update();
  }

  /** The condition on a {@code viewer} column (counts, postings) for what the caller may see. */
  static String visible(RecordStore.Visibility visibility, Map<String, Object> params) {
    if (visibility.everything()) {
      return "";
    }
    if (visibility.userId() == null) {
      return " and viewer = 0";
    }
    params.put("viewer", visibility.userId());
    return " and viewer in (0, :viewer)";
  }

  /** The number of records the caller may see. */
  static String total(RecordStore.Visibility visibility, Map<String, Object> params) {
    return "select coalesce(sum(records), 0) from search_facet_counts where facet = '" + TOTAL + "'"
        + visible(visibility, params);
  }

  /** A facet's buckets among all records the caller may see, as {@link SearchSql#facet} orders them. */
  static String facet(Facet facet, RecordStore.Visibility visibility, Map<String, Object> params) {
    return "select bucket, sum(records) as doc_count from search_facet_counts where facet = '" + facet.parameter()
        + "'" + visible(visibility, params) + " group by bucket having sum(records) > 0"
        + " order by doc_count desc, " + (facet == Facet.YEAR ? "cast(bucket as integer)" : "bucket")
        + " limit " + Facet.BUCKETS;
  }
}
