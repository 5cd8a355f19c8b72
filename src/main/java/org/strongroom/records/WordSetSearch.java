package org.strongroom.records;

import java.nio.ByteBuffer;
import java.sql.Timestamp;
import java.util.Arrays;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.StringJoiner;

import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * A query of several words in any field, in bestmatch order without filters, answered from
 * {@link WordSets}: the words' blocks the caller may see are read, intersected block by block
 * with the scores summed in the query's order (as the postings' join sums them), and counted.
 * Only the matches that can reach the page (those scoring at least the page's last) go back to
 * the database, which orders them by score, creation and id as every other search does, and
 * reads the page's records.
 */
final class WordSetSearch {

  /** The total and the page's statement (null when no match can be on it) with its parameters. */
  record Found(long total, String page, Map<String, Object> params) {}

  /** One block of one viewer: the entries of each distinct word of the query. */
  private record Group(long viewer, int block) {}

  private WordSetSearch() {}

  /**
   * The matches of {@code words} the caller may see: their total, and the statement of the
   * {@code limit} after {@code offset} in bestmatch order, after the cursor's position if given
   * (then {@code offset} is 0).
   */
  static Found find(JdbcClient jdbc, List<String> words, RecordStore.Visibility visibility,
      SearchCursor.Position after, int offset, int limit) {
    List<String> distinct = words.stream().distinct().toList();
    Map<String, Object> params = new LinkedHashMap<>();
    String visible = FacetCounts.visible(visibility, params);
    params.put("words", distinct);
    Map<Group, byte[][]> groups = new HashMap<>();
    jdbc.sql("select term, viewer, block, entries from search_word_sets where term in (:words)" + visible
        + " and octet_length(entries) > 0").params(params).query(rs -> {
          byte[][] entries = groups.computeIfAbsent(new Group(rs.getLong(2), rs.getInt(3)),
              group -> new byte[distinct.size()][]);
          entries[distinct.indexOf(rs.getString(1))] = rs.getBytes(4);
        });
    int[] order = words.stream().mapToInt(distinct::indexOf).toArray();
    Matches matches = new Matches();
    for (byte[][] entries : groups.values()) {
      matches.addIntersection(entries, order);
    }
    return new Found(matches.size, matches.size == 0 ? null : page(after), pageParams(matches, after, offset, limit));
  }

  /** The matching numbers and their summed scores, block after block. */
  static final class Matches {
    int[] numbers = new int[1024];
    float[] scores = new float[1024];
    int size;

    /** Adds the numbers every word's entries hold, scored as the sum of the words' scores in {@code order}. */
    void addIntersection(byte[][] entries, int[] order) {
      for (byte[] word : entries) {
        if (word == null) {
          return;
        }
      }
      ByteBuffer first = ByteBuffer.wrap(entries[order[0]]);
      int count = first.capacity() / WordSets.ENTRY;
      int[] n = new int[count];
      float[] s = new float[count];
      for (int i = 0; i < count; i++) {
        n[i] = first.getInt(i * WordSets.ENTRY);
        s[i] = first.getFloat(i * WordSets.ENTRY + 4);
      }
      for (int w = 1; w < order.length && count > 0; w++) {
        ByteBuffer other = ByteBuffer.wrap(entries[order[w]]);
        int otherCount = other.capacity() / WordSets.ENTRY;
        int kept = 0;
        int j = 0;
        for (int i = 0; i < count && j < otherCount; ) {
          int number = other.getInt(j * WordSets.ENTRY);
          if (number < n[i]) {
            j++;
          } else if (number > n[i]) {
            i++;
          } else {
            n[kept] = n[i];
            s[kept++] = s[i] + other.getFloat(j * WordSets.ENTRY + 4);
            i++;
            j++;
          }
        }
        count = kept;
      }
      if (size + count > numbers.length) {
        int capacity = Math.max(numbers.length * 2, size + count);
        numbers = Arrays.copyOf(numbers, capacity);
        scores = Arrays.copyOf(scores, capacity);
      }
      System.arraycopy(n, 0, numbers, size, count);
      System.arraycopy(s, 0, scores, size, count);
      size += count;
    }
  }

  /**
   * The lowest score a row of the first {@code needed} can have among the matches below the
   * cursor's score (all without a cursor): the rows below it cannot reach the page, whatever their
   * creation and id. The rows at the cursor's score are candidates besides, since only their
   * creation and id say which follow the cursor.
   */
  static float threshold(Matches matches, Float ceiling, int needed) {
    Map<Float, int[]> counts = new HashMap<>();
    for (int i = 0; i < matches.size; i++) {
      float score = matches.scores[i];
      if (ceiling == null || Float.compare(score, ceiling) < 0) {
        counts.computeIfAbsent(score, key -> new int[1])[0]++;
      }
    }
    Float[] values = counts.keySet().toArray(Float[]::new);
    Arrays.sort(values, java.util.Collections.reverseOrder());
    int seen = 0;
    for (Float value : values) {
      seen += counts.get(value)[0];
      if (seen >= needed) {
        return value;
      }
    }
    return Float.NEGATIVE_INFINITY;
  }

  /** The page of the candidates in bestmatch order, as {@link SearchSql#COLUMNS} and the score. */
  private static String page(SearchCursor.Position after) {
    String keyset = after == null ? "" : " where c.score < cast(:afterScore as real) or (c.score = cast(:afterScore as real)"
        + " and (n.created < :afterCreated or (n.created = :afterCreated and n.record_id > :afterId)))";
    return "with page as (select n.record_id, c.score from unnest(cast(:numbers as integer[]), cast(:scores as real[]))"
        + " c(number, score) join search_numbers n on n.number = c.number" + keyset
        + " order by c.score desc, n.created desc, n.record_id limit :size offset :offset)"
        + " select r.id, r.owner_id, r.access, r.metadata, r.revision, r.created, r.updated, r.deleted, r.title_sort,"
        + " p.score from page p join records r on r.id = p.record_id order by p.score desc, r.created desc, r.id";
  }

  private static Map<String, Object> pageParams(Matches matches, SearchCursor.Position after, int offset, int limit) {
    Map<String, Object> params = new LinkedHashMap<>();
    Float ceiling = after == null ? null : after.score();
    float lowest = threshold(matches, ceiling, offset + limit);
    StringJoiner numbers = new StringJoiner(",", "{", "}");
    StringJoiner scores = new StringJoiner(",", "{", "}");
    for (int i = 0; i < matches.size; i++) {
      float score = matches.scores[i];
      if (score >= lowest && (ceiling == null || score <= ceiling)) {
        numbers.add(Integer.toString(matches.numbers[i]));
        scores.add(Float.toString(score));
      }
    }
    params.put("numbers", numbers.toString());
    params.put("scores", scores.toString());
    if (after != null) {
      params.put("afterScore", after.score());
      params.put("afterCreated", Timestamp.from(after.created()));
      params.put("afterId", after.id());
    }
    params.put("size", limit);
    params.put("offset", offset);
    return params;
  }
}
