package org.strongroom.accounts.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.strongroom.accounts.AccountsProperties;
import org.strongroom.secrets.SecretKeyRing;
import org.strongroom.secrets.SecretKeys;
import org.strongroom.secrets.SecretsProperties;

/**
 * CSRF tokens ({@code expiry.nonce.mac}) as an attacker may forge them: a forged value is
 * never valid, and checking it throws nothing. A token we issue is valid for its own session,
 * keeps its {@code expiry.nonce.mac} shape, and is refused for another session or with any one
 * character of its MAC changed.
 */
class CsrfTokenFuzzTests {

  private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
  private static final SignedCsrfTokens TOKENS = new SignedCsrfTokens(
      new SecretKeyRing(new SecretsProperties(SecretKeys.generate(), List.of())),
      new AccountsProperties(null, null, null, null, null, null), NOW);

  @FuzzTest(maxDuration = "30s")
  void csrfTokens(byte[] input) {
    String forged = new String(input, StandardCharsets.UTF_8);
    MockHttpServletRequest request = withSession("session-a");
    assertThat(TOKENS.isValid(forged, request)).as("a forged token").isFalse();

    String issued = TOKENS.generateToken(request).getToken();
    assertThat(issued).matches("\\d+\\.[A-Za-z0-9_-]{22}\\.[A-Za-z0-9_-]{43}");
    assertThat(TOKENS.isValid(issued, request)).isTrue();
    assertThat(TOKENS.isValid(issued, withSession("session-b"))).isFalse();
    if (input.length > 0) {
      int position = issued.lastIndexOf('.') + 1 + Math.floorMod(input[0], 42);
      char replacement = issued.charAt(position) == 'A' ? 'B' : 'A';
      String changed = issued.substring(0, position) + replacement + issued.substring(position + 1);
      assertThat(TOKENS.isValid(changed, request)).isFalse();
    }
  }

  private static MockHttpServletRequest withSession(String id) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setSession(new MockHttpSession(null, id));
    return request;
  }
}
