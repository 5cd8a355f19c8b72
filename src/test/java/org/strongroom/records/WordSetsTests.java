package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.ByteBuffer;
import java.util.Arrays;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.strongroom.search.SearchQuery;

/**
 * The word sets' entries as the write path changes them, their intersection against a map's,
 * the page threshold, and which queries take them.
 */
class WordSetsTests {

  /** A block as {@code int4send} and {@code float4send} make it in SQL: the numbers, then the scores. */
  private static byte[] entries(Map<Integer, Float> scores) {
    ByteBuffer buffer = ByteBuffer.allocate(scores.size() * WordSets.ENTRY);
    new TreeMap<>(scores).keySet().forEach(buffer::putInt);
    new TreeMap<>(scores).values().forEach(buffer::putFloat);
    return buffer.array();
  }

  static Map<Integer, Float> read(byte[] entries) {
    Map<Integer, Float> scores = new TreeMap<>();
    ByteBuffer buffer = ByteBuffer.wrap(entries);
    int count = entries.length / WordSets.ENTRY;
    int previous = Integer.MIN_VALUE;
    for (int i = 0; i < count; i++) {
      int number = buffer.getInt(i * 4);
      assertThat(number).as("sorted, each once").isGreaterThan(previous);
      previous = number;
      scores.put(number, buffer.getFloat(count * 4 + i * 4));
    }
    return scores;
  }

  @Test
  void anEntryIsAddedInOrderReplacedOrRemovedAndTheRestKept() {
    Map<Integer, Float> scores = new TreeMap<>(Map.of(10, 0.1f, 20, 0.2f, 30, 0.3f));
    byte[] block = entries(scores);
    for (int number : new int[] {5, 15, 25, 35, 10, 20, 30}) {
      Map<Integer, Float> expected = new TreeMap<>(scores);
      expected.put(number, 9f);
      assertThat(read(WordSets.with(block, number, 9f))).as("add or replace %d", number).isEqualTo(expected);
      expected.remove(number);
      assertThat(read(WordSets.with(block, number, null))).as("remove %d", number).isEqualTo(expected);
    }
    assertThat(WordSets.with(new byte[0], 7, null)).isEmpty();
    assertThat(read(WordSets.with(new byte[0], 7, 1f))).containsExactly(Map.entry(7, 1f));
  }

  /** Random sets: the merge keeps exactly the numbers in every word, scored as the floats summed in the query's order. */
  @Test
  void theIntersectionIsTheMapsAndTheScoresAreSummedInTheQuerysOrder() {
    Random random = new Random(31);
    for (int round = 0; round < 200; round++) {
      int words = 2 + random.nextInt(3);
      List<Map<Integer, Float>> sets = new java.util.ArrayList<>();
      byte[][] blocks = new byte[words][];
      for (int w = 0; w < words; w++) {
        Map<Integer, Float> set = new TreeMap<>();
        int size = random.nextInt(300);
        for (int i = 0; i < size; i++) {
          set.put(random.nextInt(600), (1 + random.nextInt(10)) / 30f);
        }
        sets.add(set);
        blocks[w] = entries(set);
      }
      int[] order = new int[words + 1];
      for (int i = 0; i < order.length; i++) {
        order[i] = random.nextInt(words);
      }
      Map<Integer, Float> expected = new TreeMap<>();
      for (Integer number : sets.get(order[0]).keySet()) {
        float sum = 0f;
        boolean everywhere = true;
        for (int w : order) {
          Float score = sets.get(w).get(number);
          if (score == null) {
            everywhere = false;
            break;
          }
          sum = sum + score;
        }
        if (everywhere) {
          expected.put(number, sum);
        }
      }
      WordSetSearch.Matches matches = new WordSetSearch.Matches();
      matches.addIntersection(blocks, order);
      Map<Integer, Float> found = new TreeMap<>();
      for (int i = 0; i < matches.size; i++) {
        assertThat(found.put(matches.numbers[i], matches.scores[i])).isNull();
      }
      assertThat(found).as("round %d", round).isEqualTo(expected);
    }
  }

  /** Sizes far apart take the binary search, close ones the merge: the same numbers either way. */
  @Test
  void theIntersectionOfSetsOfVeryDifferentSizesIsTheSame() {
    Random random = new Random(7);
    for (int round = 0; round < 200; round++) {
      java.util.TreeSet<Integer> small = new java.util.TreeSet<>();
      java.util.TreeSet<Integer> large = new java.util.TreeSet<>();
      int smallSize = random.nextInt(20);
      for (int i = 0; i < smallSize; i++) {
        small.add(random.nextInt(5000));
      }
      for (int i = 0; i < 2000; i++) {
        large.add(random.nextInt(5000));
      }
      int[] found = small.stream().mapToInt(Integer::intValue).toArray();
      int kept = WordSetSearch.Matches.intersect(found, found.length, large.stream().mapToInt(Integer::intValue).toArray());
      java.util.TreeSet<Integer> expected = new java.util.TreeSet<>(small);
      expected.retainAll(large);
      assertThat(Arrays.copyOf(found, kept)).as("round %d", round)
          .containsExactly(expected.stream().mapToInt(Integer::intValue).toArray());
    }
  }

  @Test
  void aWordWithNoEntriesInABlockMatchesNothingThere() {
    WordSetSearch.Matches matches = new WordSetSearch.Matches();
    matches.addIntersection(new byte[][] {entries(Map.of(1, 1f)), null}, new int[] {0, 1});
    assertThat(matches.size).isZero();
  }

  @Test
  void theThresholdIsTheLowestScoreThatCanReachThePage() {
    WordSetSearch.Matches matches = new WordSetSearch.Matches();
    matches.addIntersection(new byte[][] {entries(Map.of(1, 3f, 2, 2f, 3, 2f, 4, 1f, 5, 0.5f))}, new int[] {0});
    assertThat(WordSetSearch.threshold(matches, null, 1)).isEqualTo(3f);
    assertThat(WordSetSearch.threshold(matches, null, 2)).isEqualTo(2f);
    assertThat(WordSetSearch.threshold(matches, null, 3)).isEqualTo(2f);
    assertThat(WordSetSearch.threshold(matches, null, 4)).isEqualTo(1f);
    assertThat(WordSetSearch.threshold(matches, null, 6)).isEqualTo(Float.NEGATIVE_INFINITY);
    // After a cursor at 2: those below it count; the ties at 2 are candidates besides.
    assertThat(WordSetSearch.threshold(matches, 2f, 1)).isEqualTo(1f);
    assertThat(WordSetSearch.threshold(matches, 2f, 2)).isEqualTo(0.5f);
  }

  @Test
  void onlySeveralPlainWordsInBestmatchOrderWithoutFiltersTakeTheWordSets() {
    for (String q : new String[] {"deep ocean", "deep ocean heat", "ocean ocean"}) {
      List<String> terms = PostgresPostings.terms(SearchQuery.parse(q)).orElseThrow();
      assertThat(PostgresPostings.words(terms, Map.of(), RecordSort.BESTMATCH)).as(q).contains(terms);
      assertThat(PostgresPostings.words(terms, Map.of(), RecordSort.MOSTRECENT)).as(q).isEmpty();
      assertThat(PostgresPostings.words(terms, Map.of(Facet.TYPE, List.of("dataset")), RecordSort.BESTMATCH))
          .as(q).isEmpty();
    }
    for (String q : new String[] {"ocean", "title:deep ocean", "\"deep ocean\" heat"}) {
      List<String> terms = PostgresPostings.terms(SearchQuery.parse(q)).orElseThrow();
      assertThat(PostgresPostings.words(terms, Map.of(), RecordSort.BESTMATCH)).as(q).isEmpty();
    }
  }
}
