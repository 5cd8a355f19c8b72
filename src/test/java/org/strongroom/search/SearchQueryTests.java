package org.strongroom.search;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;

class SearchQueryTests {

  private static Clause parse(String q) {
    return SearchQuery.parse(q).root().orElseThrow();
  }

  private static Clause.Words words(Field field, boolean prefix, String... words) {
    return new Clause.Words(field, List.of(words), prefix);
  }

  @Test
  void wordsMustAllMatch() {
    assertThat(parse("Ocean  heat")).isEqualTo(new Clause.AllOf(List.of(
        words(null, false, "ocean"), words(null, false, "heat"))));
    assertThat(parse("ocean AND heat")).isEqualTo(parse("ocean heat"));
  }

  @Test
  void accentsAndCaseAreFolded() {
    assertThat(parse("Åsa")).isEqualTo(words(null, false, "asa"));
    assertThat(parse("Zoë ØRSTED straße")).isEqualTo(new Clause.AllOf(List.of(
        words(null, false, "zoe"), words(null, false, "orsted"), words(null, false, "strasse"))));
    assertThat(Lexemes.of("Données: ﬁne-grained, 2024!")).containsExactly("donnees", "fine", "grained", "2024");
    // Capitals whose lower case the folding table maps, or that lower-case to a letter and a mark
    // (found by SearchQueryFuzzTests: a title in capitals was indexed unlike the same word typed).
    assertThat(Lexemes.of("STRAẞE İstanbul")).containsExactly("strasse", "istanbul");
    assertThat(Lexemes.of("STRAẞE")).isEqualTo(Lexemes.of("straße"));
  }

  @Test
  void phrasesAndWordsWithPunctuationKeepTheirOrder() {
    assertThat(parse("\"Deep  Ocean\"")).isEqualTo(words(null, false, "deep", "ocean"));
    assertThat(parse("a&b=c")).isEqualTo(words(null, false, "a", "b", "c"));
    assertThat(parse("c++")).isEqualTo(words(null, false, "c"));
  }

  @Test
  void orBindsTighterThanTheImpliedAnd() {
    assertThat(parse("ocean OR sea heat")).isEqualTo(new Clause.AllOf(List.of(
        new Clause.AnyOf(List.of(words(null, false, "ocean"), words(null, false, "sea"))),
        words(null, false, "heat"))));
    // lower-case "or" is a word
    assertThat(parse("ocean or sea")).isInstanceOf(Clause.AllOf.class);
  }

  @Test
  void exclusionsFieldsYearsAndPrefixes() {
    assertThat(parse("-ocean")).isEqualTo(new Clause.Not(words(null, false, "ocean")));
    assertThat(parse("title:\"Deep Ocean\"")).isEqualTo(words(Field.TITLE, false, "deep", "ocean"));
    assertThat(parse("contributor:Ångström")).isEqualTo(words(Field.CONTRIBUTOR, false, "angstrom"));
    assertThat(parse("keyword:oce*")).isEqualTo(words(Field.KEYWORD, true, "oce"));
    assertThat(parse("description:heat")).isEqualTo(words(Field.DESCRIPTION, false, "heat"));
    assertThat(parse("type:Dataset")).isEqualTo(new Clause.Exact(Field.TYPE, "dataset"));
    assertThat(parse("license:CC-BY-4.0")).isEqualTo(new Clause.Exact(Field.LICENSE, "cc-by-4.0"));
    assertThat(parse("year:2024")).isEqualTo(new Clause.Years(2024, 2024));
    assertThat(parse("year:2020..2024")).isEqualTo(new Clause.Years(2020, 2024));
    assertThat(parse("ocea*")).isEqualTo(words(null, true, "ocea"));
    assertThat(parse("-title:ocean")).isEqualTo(new Clause.Not(words(Field.TITLE, false, "ocean")));
  }

  @Test
  void wantedWordsLeaveOutExclusions() {
    assertThat(SearchQuery.parse("ocean -heat OR title:sea year:2024").wanted())
        .containsExactly(words(null, false, "ocean"), words(Field.TITLE, false, "sea"));
  }

  @Test
  void emptyQueriesAndPunctuationAloneAskForEverything() {
    assertThat(SearchQuery.parse(null).isEmpty()).isTrue();
    assertThat(SearchQuery.parse("  ").isEmpty()).isTrue();
    assertThat(SearchQuery.parse("& %").isEmpty()).isTrue();
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "ocean \"deep sea|7|never closed",
      "ocean - heat|7|'-' must be followed",
      "-|1|'-' must be followed",
      "--x|1|'-' must be followed",
      "OR ocean|1|OR must stand between",
      "ocean OR|7|OR must stand between",
      "ocean OR OR sea|7|OR must stand between",
      "AND ocean|1|AND must stand between",
      "year:abc|6|'year:' takes a year",
      "year:2024..2020|6|first year must not be after",
      "colour:red|1|unknown field 'colour'",
      "title:|1|needs a value",
      "o*|1|a prefix needs at least 2",
      "oc*ean|3|'*' may only end a word",
      "ab\"cd\"|3|a quote may only start a term",
      "\"ab\"cd|5|must be followed by a space",
      "type:data*|10|not a prefix",
  })
  void refusesWhatItCannotParseWithThePosition(String q, int position, String problem) {
    assertThatThrownBy(() -> SearchQuery.parse(q)).isInstanceOfSatisfying(QuerySyntaxError.class, e -> {
      assertThat(e.getMessage()).contains(problem);
      assertThat(e.position()).isEqualTo(position);
      assertThat(e.status().value()).isEqualTo(400);
    });
  }

  @Test
  void capsTheLengthAndTheNumberOfTerms() {
    assertThat(SearchQuery.parse("x".repeat(99) + " ".repeat(SearchQuery.MAX_LENGTH - 99)).isEmpty()).isFalse();
    assertThatThrownBy(() -> SearchQuery.parse("a".repeat(SearchQuery.MAX_LENGTH + 1)))
        .isInstanceOfSatisfying(QuerySyntaxError.class, e -> assertThat(e.position()).isEqualTo(501));
    String twenty = "w ".repeat(SearchQuery.MAX_TERMS);
    assertThat(SearchQuery.parse(twenty).root()).isPresent();
    assertThatThrownBy(() -> SearchQuery.parse(twenty + "x"))
        .isInstanceOfSatisfying(QuerySyntaxError.class, e -> {
          assertThat(e.position()).isEqualTo(41);
          assertThat(e.getMessage()).contains("at most 20 terms");
        });
    assertThatThrownBy(() -> SearchQuery.parse("a OR ".repeat(1000) + "a"))
        .isInstanceOf(QuerySyntaxError.class);
  }

  @Test
  void refusesControlCharactersButTakesTabsAndNewlines() {
    assertThat(parse("ocean\theat\nsea")).isInstanceOf(Clause.AllOf.class);
    assertThatThrownBy(() -> SearchQuery.parse("ocean\0"))
        .isInstanceOfSatisfying(QuerySyntaxError.class, e -> {
          assertThat(e.position()).isEqualTo(6);
          assertThat(e.getMessage()).contains("U+0000");
        });
    assertThatThrownBy(() -> SearchQuery.parse("\u001b[31m")).isInstanceOf(QuerySyntaxError.class);
  }
}
