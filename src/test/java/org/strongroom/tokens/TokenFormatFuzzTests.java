package org.strongroom.tokens;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The personal access token format ({@code sr_} + 40 base62 + 6-character checksum). Whatever
 * a client sends as a bearer token, the shape check answers without throwing; what it accepts
 * has the exact shape and a checksum that is computed again from its body. A token we make
 * passes, and no change of one character in it passes (CRC32 catches every one-byte error).
 */
class TokenFormatFuzzTests {

  @FuzzTest(maxDuration = "30s")
  void tokens(byte[] input) {
    String candidate = new String(input, StandardCharsets.UTF_8);
    if (TokenFormat.isWellFormed(candidate)) {
      assertThat(candidate).hasSize(TokenFormat.LENGTH).startsWith(TokenFormat.PREFIX).matches("sr_[0-9A-Za-z]{46}");
      String body = candidate.substring(0, TokenFormat.LENGTH - TokenFormat.CHECKSUM_LENGTH);
      assertThat(body + TokenFormat.checksum(body)).isEqualTo(candidate);
      assertThat(TokenFormat.sha256(candidate)).matches("[0-9a-f]{64}");
    }

    String token = TokenFormat.generate();
    assertThat(TokenFormat.isWellFormed(token)).isTrue();
    if (input.length > 0) {
      int position = TokenFormat.PREFIX.length() + Math.floorMod(input[0], TokenFormat.LENGTH - TokenFormat.PREFIX.length());
      char original = token.charAt(position);
      char replacement = input.length > 1 ? (char) (input[1] & 0x7f) : 'x';
      if (replacement != original) {
        String typo = token.substring(0, position) + replacement + token.substring(position + 1);
        assertThat(TokenFormat.isWellFormed(typo)).as("one character changed: %s", typo).isFalse();
      }
    }
  }
}
