package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.strongroom.search.SearchQuery;

/** Which queries PostgreSQL answers from its postings, with which terms, and for whom. */
class PostgresPostingsTests {

  private static List<String> terms(String q) {
    return PostgresPostings.terms(SearchQuery.parse(q)).orElse(null);
  }

  @Test
  void wordsFieldWordsAndTwoWordPhrasesAreTerms() {
    assertThat(terms("Ocean")).containsExactly("ocean");
    assertThat(terms("title:ocean heat")).containsExactly("a~ocean", "heat");
    assertThat(terms("keyword:ice AND contributor:asa")).containsExactly("d~ice", "b~asa");
    assertThat(terms("description:\"deep sea\"")).containsExactly("c=deep~sea");
    // In any field: the pair without a field (V123), one term, not the four fields' pairs.
    assertThat(terms("\"deep sea\"")).containsExactly("=deep~sea");
    // A one-letter first word keeps its pair apart from a field word (a~sea is "sea" in a title).
    assertThat(terms("\"a sea\"")).containsExactly("=a~sea");
  }

  @Test
  void everythingElseGoesThroughTheGinIndex() {
    for (String q : new String[] {"", "ocea*", "ocean OR sea", "ocean -ice", "\"deep blue sea\"", "type:dataset ocean",
        "year:2024 ocean", "東京", "a b c d e f g h i"}) {
      assertThat(terms(q)).as(q).isNull();
    }
    assertThat(terms("a b c d e f g h")).hasSize(PostgresPostings.MAX_TERMS);
  }

  @Test
  void eachCallerReadsOnlyTheViewersItMaySeeAndTermsAreBound() {
    List<String> groups = terms("ocean heat");
    Map<String, Object> params = new LinkedHashMap<>();
    String anonymous = PostgresPostings.matches(groups, RecordStore.Visibility.ANONYMOUS, Map.of(), params);
    assertThat(anonymous).contains("viewer = 0").doesNotContain("ocean");
    assertThat(params.values()).containsExactly("ocean", "heat");

    params.clear();
    String owner = PostgresPostings.matches(groups, new RecordStore.Visibility(7L, false), Map.of(), params);
    assertThat(owner).contains("viewer in (0, :viewer)");
    assertThat(params).containsEntry("viewer", 7L);

    params.clear();
    String superuser = PostgresPostings.matches(groups, new RecordStore.Visibility(1L, true), Map.of(), params);
    assertThat(superuser).doesNotContain("viewer");
  }

  @Test
  void onlyOneTermInBestMatchOrderWithoutFiltersIsRankedFromTheCounts() {
    Map<String, Object> params = new LinkedHashMap<>();
    var ranked = PostgresPostings.ranked(terms("Ocean"), RecordStore.Visibility.ANONYMOUS, Map.of(),
        RecordSort.BESTMATCH, params).orElseThrow();
    assertThat(params.values()).containsExactly("ocean");
    assertThat(ranked.total()).contains("viewer = 0").doesNotContain("ocean");
    assertThat(ranked.top("")).contains("viewer = 0").contains("order by p.score desc, p.created desc, p.record_id");
    assertThat(PostgresPostings.ranked(terms("title:ocean"), new RecordStore.Visibility(7L, false), Map.of(),
        RecordSort.BESTMATCH, params).orElseThrow().total()).contains("viewer in (0, :viewer)");
    assertThat(params).containsEntry("viewer", 7L).containsValue("a~ocean");
    assertThat(PostgresPostings.ranked(terms("title:ocean"), new RecordStore.Visibility(1L, true), Map.of(),
        RecordSort.BESTMATCH, params).orElseThrow().top("")).doesNotContain(":viewer");

    assertThat(PostgresPostings.ranked(terms("ocean heat"), RecordStore.Visibility.ANONYMOUS, Map.of(),
        RecordSort.BESTMATCH, params)).isEmpty();
    // A phrase in any field is one term: ranked like a word, its facets counted from the matches.
    params.clear();
    var phrase = PostgresPostings.ranked(terms("\"deep sea\""), RecordStore.Visibility.ANONYMOUS, Map.of(),
        RecordSort.BESTMATCH, params).orElseThrow();
    assertThat(params.values()).containsExactly("=deep~sea");
    assertThat(phrase.word()).isFalse();
    assertThat(PostgresPostings.ranked(terms("ocean"), RecordStore.Visibility.ANONYMOUS, Map.of(),
        RecordSort.MOSTRECENT, params)).isEmpty();
    assertThat(PostgresPostings.ranked(terms("ocean"), RecordStore.Visibility.ANONYMOUS,
        Map.of(Facet.TYPE, List.of("dataset")), RecordSort.BESTMATCH, params)).isEmpty();
  }
}
