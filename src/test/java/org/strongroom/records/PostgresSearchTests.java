package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.strongroom.search.Clause;
import org.strongroom.search.Field;
import org.strongroom.search.SearchQuery;

/** The tsquery built from a parsed query: only folded words, quoted, with our operators, as parameters. */
class PostgresSearchTests {

  private static Clause.Words words(String q) {
    return (Clause.Words) SearchQuery.parse(q).root().orElseThrow();
  }

  private static String tsquery(String q) {
    return PostgresSearch.tsquery(words(q));
  }

  @Test
  void wordsPrefixesAndPhrasesForToTsquery() {
    assertThat(tsquery("Åsa")).isEqualTo("'asa'");
    assertThat(tsquery("ocea*")).isEqualTo("'ocea':*");
    assertThat(tsquery("title:ocea*")).isEqualTo("'ocea':*");
    assertThat(tsquery("contributor:\"jean dupont\"")).isEqualTo("'jean' <-> 'dupont'");
  }

  @Test
  void aFieldIsOneLexemePrefixAndAWordInAnyFieldOneAlternativePerField() {
    Map<String, Object> params = new LinkedHashMap<>();
    String title = new PostgresSearch("simple").query(words("title:ocean"), params);
    assertThat(title).contains("'''a~\\1'''").doesNotContain("'''b~");
    assertThat(params.values()).containsExactly("'ocean'");

    params.clear();
    String any = new PostgresSearch("simple").query(words("ocean"), params);
    assertThat(any).contains("a~").contains("b~").contains("c~").contains("d~").contains(" || ");
  }

  @Test
  void aTwoWordPhraseIsItsPairLexemeAndALongerOneAlsoItsPositions() {
    Map<String, Object> params = new LinkedHashMap<>();
    String two = new PostgresSearch("simple").query(words("title:\"deep sea\""), params);
    assertThat(two).contains("a=\\1~\\2").doesNotContain(" && ");
    assertThat(params.values()).containsExactly("'deep' <-> 'sea'");

    params.clear();
    String three = new PostgresSearch("simple").query(words("title:\"deep sea heat\""), params);
    assertThat(three).contains(" && ");
    assertThat(params.values()).containsExactly("'deep' <-> 'sea' <-> 'heat'", "'deep' <-> 'sea'", "'sea' <-> 'heat'");
  }

  @Test
  void tsquerySyntaxInAQueryIsOnlyWords() {
    assertThat(tsquery("\"a' | !b:* & (c <-> d)\"")).doesNotContain("!").doesNotContain("&").doesNotContain("|")
        .contains("'a'").contains("'b'").contains("'c'").contains("'d'");
    assertThatThrownBy(() -> PostgresSearch.tsquery(new Clause.Words(Field.TITLE, List.of("a'|b"), false)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
