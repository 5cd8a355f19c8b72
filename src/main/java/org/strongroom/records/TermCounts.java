package org.strongroom.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.jdbc.core.simple.JdbcClient;
import tools.jackson.databind.json.JsonMapper;

/**
 * PostgreSQL's document frequencies ({@code search_term_counts}, V122): the number of postings,
 * that is of live records, per term and viewer. The exact total of a one-term query is then the
 * sum of one to a few rows instead of a count of every matching posting (14,000 index entries
 * for a common word at 1,000,000 records, read on every request). The write path applies the
 * postings it deleted and inserted, in the same transaction, as one upsert whose rows are locked
 * in (term, viewer) order, so that two writers cannot deadlock on them; {@link FacetCounts} is
 * kept the same way, after these.
 */
final class TermCounts {

  /** One term of one viewer. */
  record Key(String term, long viewer) implements Comparable<Key> {
    @Override
    public int compareTo(Key other) {
      int byTerm = term.compareTo(other.term);
      return byTerm != 0 ? byTerm : Long.compare(viewer, other.viewer);
    }
  }

  /** Every posting, counted: the backfill (V122) and the seed. */
  static final String FILL = "insert into search_term_counts (term, viewer, records)"
      + " select term, viewer, count(*) from search_postings group by term, viewer";

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private TermCounts() {}

  /** Adds the postings inserted and takes away those deleted, netted per term and viewer. */
  static void apply(JdbcClient jdbc, List<Key> deleted, List<Key> inserted) {
    Map<Key, Integer> delta = new TreeMap<>();
    deleted.forEach(key -> delta.merge(key, -1, Integer::sum));
    inserted.forEach(key -> delta.merge(key, 1, Integer::sum));
    delta.values().removeIf(change -> change == 0);
    if (delta.isEmpty()) {
      return;
    }
    List<Object[]> rows = new ArrayList<>();
    delta.forEach((key, change) -> rows.add(new Object[] {key.term(), key.viewer(), change}));
    // The rows in key order (the TreeMap's), so every writer locks them in the same order. One
    // JSON parameter: a long description has thousands of terms, past the bind-parameter limit.
    jdbc.sql("insert into search_term_counts (term, viewer, records)"
        + " select d.term, d.viewer, d.records from json_to_recordset(cast(:rows as json))"
        + " d(n integer, term text, viewer bigint, records bigint) order by d.n"
        + " on conflict (term, viewer) do update set records = search_term_counts.records + excluded.records")
        .param("rows", json(rows, "term", "viewer", "records")).update();
  }

  /** Rows as a JSON array of objects with these names and their position n, for {@code json_to_recordset}. */
  static String json(List<Object[]> rows, String... names) {
    List<Map<String, Object>> objects = new ArrayList<>();
    for (Object[] row : rows) {
      Map<String, Object> object = new java.util.LinkedHashMap<>();
      object.put("n", objects.size());
      for (int i = 0; i < names.length; i++) {
        object.put(names[i], row[i]);
      }
      objects.add(object);
    }
    return JSON.writeValueAsString(objects);
  }

  /** The live records holding the term that the caller may see. */
  static String total(String term, String visible) {
    return "select coalesce(sum(records), 0) from search_term_counts where term = " + term + visible;
  }
}
