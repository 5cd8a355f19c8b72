package org.strongroom.accounts.login;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.MutableClock;
import org.strongroom.support.RecordedAuditEvents;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestUsers;

/**
 * Password guessing: five failures in 15 minutes lock the account and the client address;
 * during the lockout even the right password gets 429 with Retry-After; repeated lockouts
 * double; a forged X-Forwarded-For does not change whose lockout is charged.
 */
@IntegrationTest
@Import({MutableClock.Configuration.class, RecordedAuditEvents.class})
class LoginThrottleIntegrationTests {

  static final String WRONG = "not the right password";

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired MutableClock clock;
  @Autowired RecordedAuditEvents audit;
  @Autowired MeterRegistry meters;

  @BeforeEach
  @AfterEach
  void forgetEarlierFailures() {
    clock.advance(Duration.ofDays(2));
  }

  @Test
  void fiveFailuresLockTheAccountAndTheRightPasswordDoesNotHelp() {
    TestUsers.User user = users.user();
    double failuresBefore = meters.counter(AuthEvents.FAILURES, "reason", "password").count();
    double lockoutsBefore = meters.counter(AuthEvents.LOCKOUTS).count();
    for (int i = 0; i < 5; i++) {
      assertWrongPassword(new SessionClient(api).login(user.email(), WRONG));
    }
    SessionClient browser = new SessionClient(api);
    HttpResponse<String> locked = browser.login(user.email(), TestUsers.PASSWORD);
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(890L, 900L);
    assertThat(locked.body()).contains("Too many failed attempts");
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);

    assertThat(audit.actionsFor(user.id())).contains("login.failure", "login.lockout").doesNotContain("login.success");
    assertThat(meters.counter(AuthEvents.FAILURES, "reason", "password").count() - failuresBefore).isEqualTo(5);
    assertThat(meters.counter(AuthEvents.LOCKOUTS).count() - lockoutsBefore).isGreaterThanOrEqualTo(1);

    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    assertLoggedIn(new SessionClient(api).login(user.email(), TestUsers.PASSWORD));
  }

  @Test
  void repeatedLockoutsLastTwiceAsLong() {
    TestUsers.User user = users.user();
    for (int i = 0; i < 5; i++) {
      new SessionClient(api).login(user.email(), WRONG);
    }
    assertThat(retryAfter(new SessionClient(api).login(user.email(), WRONG))).isBetween(890L, 900L);
    clock.advance(Duration.ofMinutes(15).plusSeconds(1));
    for (int i = 0; i < 5; i++) {
      assertWrongPassword(new SessionClient(api).login(user.email(), WRONG));
    }
    assertThat(retryAfter(new SessionClient(api).login(user.email(), TestUsers.PASSWORD))).isBetween(1790L, 1800L);
    clock.advance(Duration.ofMinutes(30).plusSeconds(1));
    for (int i = 0; i < 5; i++) {
      new SessionClient(api).login(user.email(), WRONG);
    }
    assertThat(retryAfter(new SessionClient(api).login(user.email(), TestUsers.PASSWORD))).isBetween(3590L, 3600L);
  }

  @Test
  void theClientAddressIsLockedAcrossAccounts() {
    for (int i = 0; i < 5; i++) {
      assertWrongPassword(new SessionClient(api).login(users.user().email(), WRONG));
    }
    TestUsers.User fresh = users.user();
    HttpResponse<String> locked = new SessionClient(api).login(fresh.email(), TestUsers.PASSWORD);
    assertThat(locked.statusCode()).isEqualTo(429);
  }

  @Test
  void aForgedForwardedForCannotLiftTheLockout() {
    TestUsers.User user = users.user();
    for (int i = 0; i < 5; i++) {
      SessionClient attacker = new SessionClient(api);
      attacker.get("/login");
      attacker.postForm("/login", Map.of("username", user.email(), "password", WRONG,
          "csrf_token", attacker.csrfToken()), "X-Forwarded-For", "198.51.100." + i);
    }
    SessionClient attacker = new SessionClient(api);
    attacker.get("/login", "X-Forwarded-For", "203.0.113.7");
    HttpResponse<String> spoofed = attacker.postForm("/login", Map.of("username", user.email(),
        "password", TestUsers.PASSWORD, "csrf_token", attacker.csrfToken()),
        "X-Forwarded-For", "203.0.113.7", "X-Real-IP", "203.0.113.7", "Forwarded", "for=203.0.113.7");
    assertThat(spoofed.statusCode()).isEqualTo(429);
    assertThat(attacker.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void aLockedUnknownAddressLooksLikeALockedAccount() {
    TestUsers.User user = users.user();
    for (int i = 0; i < 5; i++) {
      new SessionClient(api).login(user.email(), WRONG);
    }
    HttpResponse<String> known = new SessionClient(api).login(user.email(), WRONG);
    HttpResponse<String> unknown = new SessionClient(api).login("nobody-" + user.email(), WRONG);
    assertThat(unknown.statusCode()).isEqualTo(known.statusCode()).isEqualTo(429);
    assertThat(unknown.headers().firstValue("Retry-After")).isEqualTo(known.headers().firstValue("Retry-After"));
    assertThat(withoutTokens(unknown.body())).isEqualTo(withoutTokens(known.body()));
  }

  @Test
  void theLockoutIsNotBypassedThroughOtherPasswordForms() {
    TestUsers.User user = users.user();
    SessionClient browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);
    for (int i = 0; i < 5; i++) {
      browser.submit("/account/security/password", Map.of("current_password", WRONG,
          "new_password", "a brand new passphrase 7", "confirm_password", "a brand new passphrase 7"));
    }
    HttpResponse<String> locked = browser.submit("/account/security/password", Map.of(
        "current_password", TestUsers.PASSWORD, "new_password", "a brand new passphrase 7",
        "confirm_password", "a brand new passphrase 7"));
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).isPresent();
  }

  /** The page without what differs on every response anyway: CSRF token and CSP nonce. */
  static String withoutTokens(String html) {
    return html.replaceAll("name=\"csrf_token\" value=\"[^\"]*\"", "")
        .replaceAll("id=\"passkey-csrf\" value=\"[^\"]*\"", "").replaceAll("nonce=\"[^\"]*\"", "");
  }

  private static long retryAfter(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(429);
    return Long.parseLong(response.headers().firstValue("Retry-After").orElseThrow());
  }

  private static void assertWrongPassword(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
  }

  private void assertLoggedIn(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith(":" + api.port() + "/");
  }
}
