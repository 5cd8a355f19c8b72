package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.strongroom.search.Clause;
import org.strongroom.search.Field;
import org.strongroom.search.SearchQuery;

/** The tsquery text built from a parsed query: only folded words, quoted, with our operators. */
class PostgresSearchTests {

  private static String tsquery(String q) {
    return PostgresSearch.tsquery((Clause.Words) SearchQuery.parse(q).root().orElseThrow());
  }

  @Test
  void wordsPrefixesFieldsAndPhrases() {
    assertThat(tsquery("Åsa")).isEqualTo("'asa'");
    assertThat(tsquery("ocea*")).isEqualTo("'ocea':*");
    assertThat(tsquery("title:ocea*")).isEqualTo("'ocea':*A");
    assertThat(tsquery("keyword:ice")).isEqualTo("'ice':D");
    assertThat(tsquery("contributor:\"jean dupont\"")).isEqualTo("('jean':B <-> 'dupont':B)");
    // A phrase in no field lies within one: one alternative per field's label.
    assertThat(tsquery("\"deep sea\"")).isEqualTo("(('deep':A <-> 'sea':A) | ('deep':B <-> 'sea':B)"
        + " | ('deep':C <-> 'sea':C) | ('deep':D <-> 'sea':D))");
  }

  @Test
  void tsquerySyntaxInAQueryIsOnlyWords() {
    assertThat(tsquery("\"a' | !b:* & (c <-> d)\"")).doesNotContain("!").doesNotContain("&")
        .contains("'a'").contains("'b'").contains("'c'").contains("'d'");
    assertThatThrownBy(() -> PostgresSearch.tsquery(new Clause.Words(Field.TITLE, List.of("a'|b"), false)))
        .isInstanceOf(IllegalArgumentException.class);
  }
}
