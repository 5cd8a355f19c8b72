package org.strongroom.accounts.csrf;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpSession;
import org.strongroom.accounts.AccountsProperties;
import org.strongroom.secrets.SecretKeyRing;
import org.strongroom.secrets.SecretKeys;
import org.strongroom.secrets.SecretsProperties;

class SignedCsrfTokensTests {

  static final String OLD_KEY = SecretKeys.generate();
  static final String NEW_KEY = SecretKeys.generate();
  static final Instant NOW = Instant.parse("2026-06-01T12:00:00Z");
  static final AccountsProperties DEFAULTS = new AccountsProperties(null, null, null, null, null, null);

  static SignedCsrfTokens tokens(String key, List<String> fallbacks, Instant now) {
    return new SignedCsrfTokens(new SecretKeyRing(new SecretsProperties(key, fallbacks)), DEFAULTS,
        Clock.fixed(now, ZoneOffset.UTC));
  }

  static MockHttpServletRequest requestWithSession(String id) {
    MockHttpServletRequest request = new MockHttpServletRequest();
    request.setSession(new MockHttpSession(null, id));
    return request;
  }

  @Test
  void aTokenIsValidForItsSessionOnlyUntilItExpires() {
    SignedCsrfTokens tokens = tokens(NEW_KEY, List.of(), NOW);
    String token = tokens.generateToken(requestWithSession("s1")).getToken();
    assertThat(tokens.isValid(token, requestWithSession("s1"))).isTrue();
    assertThat(tokens.isValid(token, requestWithSession("s2"))).isFalse();
    assertThat(tokens.isValid(token, new MockHttpServletRequest())).isFalse();
    assertThat(tokens(NEW_KEY, List.of(), NOW.plus(Duration.ofHours(12))).isValid(token, requestWithSession("s1"))).isFalse();
    assertThat(tokens(SecretKeys.generate(), List.of(), NOW).isValid(token, requestWithSession("s1"))).isFalse();
  }

  @Test
  void tokensMadeUnderAFallbackKeyStillVerifyDuringARotation() {
    String token = tokens(OLD_KEY, List.of(), NOW).generateToken(requestWithSession("s1")).getToken();
    assertThat(tokens(NEW_KEY, List.of(OLD_KEY), NOW).isValid(token, requestWithSession("s1"))).isTrue();
    assertThat(tokens(NEW_KEY, List.of(), NOW).isValid(token, requestWithSession("s1"))).isFalse();
  }

  @Test
  void malformedTokensAreRefusedQuietly() {
    SignedCsrfTokens tokens = tokens(NEW_KEY, List.of(), NOW);
    for (String bad : List.of("", ".", "..", "x.y.z", "1.2", "99999999999999999999.a.b", "1.a.%%%", "a".repeat(500))) {
      assertThat(tokens.isValid(bad, requestWithSession("s1"))).isFalse();
    }
  }
}
