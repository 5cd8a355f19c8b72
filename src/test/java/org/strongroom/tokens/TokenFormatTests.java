package org.strongroom.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.RepeatedTest;
import org.junit.jupiter.api.Test;

/** The token shape and its checksum: every one-character typo and swap is caught offline. */
class TokenFormatTests {

  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";

  @Test
  void generatedTokensHaveThePublishedShape() {
    String token = TokenFormat.generate();
    assertThat(token).matches("sr_[0-9A-Za-z]{40}[0-9A-Za-z]{6}").hasSize(49);
    assertThat(TokenFormat.isWellFormed(token)).isTrue();
  }

  @RepeatedTest(5)
  void everySingleCharacterSubstitutionIsRejected() {
    String token = TokenFormat.generate();
    int checked = 0;
    for (int i = 0; i < token.length(); i++) {
      for (char c : (BASE62 + "_-").toCharArray()) {
        if (c == token.charAt(i)) {
          continue;
        }
        String typo = token.substring(0, i) + c + token.substring(i + 1);
        assertThat(TokenFormat.isWellFormed(typo)).as("typo at %d", i).isFalse();
        checked++;
      }
    }
    assertThat(checked).isGreaterThan(49 * 60);
  }

  @RepeatedTest(5)
  void everyAdjacentSwapIsRejected() {
    String token = TokenFormat.generate();
    for (int i = 3; i + 1 < token.length(); i++) {
      if (token.charAt(i) == token.charAt(i + 1)) {
        continue;
      }
      String swapped = token.substring(0, i) + token.charAt(i + 1) + token.charAt(i) + token.substring(i + 2);
      assertThat(TokenFormat.isWellFormed(swapped)).as("swap at %d", i).isFalse();
    }
  }

  @Test
  void missingOrExtraCharactersAndOtherShapesAreRejected() {
    String token = TokenFormat.generate();
    assertThat(TokenFormat.isWellFormed(token.substring(1))).isFalse();
    assertThat(TokenFormat.isWellFormed(token + "a")).isFalse();
    assertThat(TokenFormat.isWellFormed(token.substring(0, token.length() - 1))).isFalse();
    assertThat(TokenFormat.isWellFormed("SR_" + token.substring(3))).isFalse();
    assertThat(TokenFormat.isWellFormed(null)).isFalse();
    assertThat(TokenFormat.isWellFormed("")).isFalse();
    assertThat(TokenFormat.isWellFormed(" " + token.substring(1))).isFalse();
  }
}
