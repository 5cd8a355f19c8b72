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
    int[] order = words.stream().mapToInt(distinct::indexOf).toArray();
    Blocks blocks = new Blocks(distinct, order);
    // In block order, so that the words of one block (and viewer) come together.
    jdbc.sql("select term, viewer, block, entries from search_word_sets where term in (:words)" + visible
        + " and octet_length(entries) > 0 order by viewer, block").params(params)
        .query((org.springframework.jdbc.core.RowCallbackHandler) rs ->
            blocks.add(rs.getLong(2), rs.getInt(3), rs.getString(1), rs.getBytes(4)));
    Matches matches = blocks.finish();
    return new Found(matches.size, matches.size == 0 ? null : page(after), pageParams(matches, after, offset, limit));
  }

  /** The rows of one block and viewer gathered, each block's intersection added when the next begins. */
  private static final class Blocks {
    private final List<String> distinct;
    private final int[] order;
    private final Matches matches = new Matches();
    private byte[][] entries;
    private long viewer;
    private int block;

    Blocks(List<String> distinct, int[] order) {
      this.distinct = distinct;
      this.order = order;
    }

    void add(long viewer, int block, String term, byte[] words) {
      if (entries == null || viewer != this.viewer || block != this.block) {
        finishBlock();
        entries = new byte[distinct.size()][];
        this.viewer = viewer;
        this.block = block;
      }
      entries[distinct.indexOf(term)] = words;
    }

    Matches finish() {
      finishBlock();
      return matches;
    }

    private void finishBlock() {
      if (entries != null) {
        matches.addIntersection(entries, order);
      }
    }
  }

  /** The matching numbers and their summed scores, block after block. */
  static final class Matches {
    int[] numbers = new int[1024];
    float[] scores = new float[1024];
    int size;

    /**
     * Adds the numbers every word's block holds (a block being its entries' numbers, then their
     * scores, {@link WordSets}), scored as the sum of the words' scores in {@code order}.
     */
    void addIntersection(byte[][] entries, int[] order) {
      int[][] numbersOf = new int[entries.length][];
      for (int w = 0; w < entries.length; w++) {
        if (entries[w] == null) {
          return;
        }
        numbersOf[w] = numbers(entries[w]);
      }
      int[] found = numbersOf[order[0]].clone();
      int count = found.length;
      for (int w = 1; w < order.length && count > 0; w++) {
        count = intersect(found, count, numbersOf[order[w]]);
      }
      if (size + count > numbers.length) {
        int capacity = Math.max(numbers.length * 2, size + count);
        numbers = Arrays.copyOf(numbers, capacity);
        scores = Arrays.copyOf(scores, capacity);
      }
      System.arraycopy(found, 0, numbers, size, count);
      for (int w : order) {
        ByteBuffer block = ByteBuffer.wrap(entries[w]);
        int[] own = numbersOf[w];
        int scoresAt = own.length * 4;
        int from = 0;
        for (int i = 0; i < count; i++) {
          from = Arrays.binarySearch(own, from, own.length, found[i]);
          scores[size + i] += block.getFloat(scoresAt + from * 4);
        }
      }
      size += count;
    }

    /** A block's numbers, in one bulk copy. */
    private static int[] numbers(byte[] block) {
      int[] numbers = new int[block.length / WordSets.ENTRY];
      ByteBuffer.wrap(block).asIntBuffer().get(numbers);
      return numbers;
    }

    /**
     * Keeps the first {@code count} of {@code found} (sorted) that {@code other} (sorted) holds, in
     * place; returns how many. A much shorter side is looked up by binary search instead of merged.
     */
    static int intersect(int[] found, int count, int[] other) {
      int kept = 0;
      if ((long) count * 16 < other.length) {
        int from = 0;
        for (int i = 0; i < count && from < other.length; i++) {
          int at = Arrays.binarySearch(other, from, other.length, found[i]);
          if (at >= 0) {
            found[kept++] = found[i];
            from = at + 1;
          } else {
            from = -at - 1;
          }
        }
        return kept;
      }
      int i = 0;
      int j = 0;
      while (i < count && j < other.length) {
        int a = found[i];
        int b = other[j];
        if (a == b) {
          found[kept++] = a;
          i++;
          j++;
        } else if (a < b) {
          i++;
        } else {
          j++;
        }
      }
      return kept;
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
