package org.strongroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

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
 * CSRF attacks on the API and the pages: a request made with the session cookie and no
 * token, a forged token, another session's token, an expired token, a cross-site Origin.
 * Each is refused with 403 and nothing is written.
 */
@IntegrationTest
@Import({MutableClock.Configuration.class, RecordedAuditEvents.class})
class CsrfIntegrationTests {

  /** A record with a title unique to the test, to check afterwards that nothing was written. */
  final String title = "csrftarget" + java.util.UUID.randomUUID().toString().replace("-", "");
  final String RECORD = "{\"metadata\": {\"title\": \"" + title + "\"}, \"access\": {\"record\": \"public\"}}";

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired MutableClock clock;

  TestUsers.User user;
  SessionClient browser;

  @BeforeEach
  void signIn() {
    clock.advance(Duration.ofDays(2));
    user = users.user();
    browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);
  }

  @Test
  void theCookieTokenInTheHeaderIsAccepted() {
    HttpResponse<String> created = browser.postJsonWithCsrf("/api/records/", RECORD);
    assertThat(created.statusCode()).isEqualTo(201);
    HttpResponse<String> search = api.get("/api/records/?q=" + title, ApiClient.bearer(user.token()));
    assertThat(ApiClient.json(search).get("hits").get("total").asInt()).isEqualTo(1);
  }

  @Test
  void sessionCookieWithoutTokenIsRefused() {
    assertRefused(browser.postJson("/api/records/", RECORD));
  }

  @Test
  void forgedTokenIsRefused() {
    String genuine = browser.csrfToken();
    String forged = genuine.substring(0, genuine.lastIndexOf('.') + 1) + "A".repeat(43);
    browser.setCookie(SessionClient.CSRF_COOKIE, forged);
    assertRefused(browser.postJson("/api/records/", RECORD, "X-CSRFToken", forged));
    // A token with a later expiry but the old signature.
    String stretched = (Long.parseLong(genuine.substring(0, genuine.indexOf('.'))) + 86400)
        + genuine.substring(genuine.indexOf('.'));
    browser.setCookie(SessionClient.CSRF_COOKIE, stretched);
    assertRefused(browser.postJson("/api/records/", RECORD, "X-CSRFToken", stretched));
  }

  @Test
  void headerThatDiffersFromTheCookieIsRefused() {
    assertRefused(browser.postJson("/api/records/", RECORD, "X-CSRFToken", "something-else"));
  }

  @Test
  void tokenOfAnotherSessionIsRefused() {
    SessionClient attacker = new SessionClient(api);
    attacker.login(users.user().email(), TestUsers.PASSWORD);
    String attackersToken = attacker.csrfToken();
    // The attacker's genuine token, planted as the victim's cookie and header.
    browser.setCookie(SessionClient.CSRF_COOKIE, attackersToken);
    assertRefused(browser.postJson("/api/records/", RECORD, "X-CSRFToken", attackersToken));
  }

  @Test
  void tokenFromBeforeLoginIsRefusedAfterLogin() {
    SessionClient victim = new SessionClient(api);
    victim.get("/login");
    String beforeLogin = victim.csrfToken();
    victim.submit("/login", Map.of("username", user.email(), "password", TestUsers.PASSWORD));
    victim.setCookie(SessionClient.CSRF_COOKIE, beforeLogin);
    assertRefused(victim.postJson("/api/records/", RECORD, "X-CSRFToken", beforeLogin));
  }

  @Test
  void expiredTokenIsRefusedAndANewOneIssued() {
    String token = browser.csrfToken();
    clock.advance(Duration.ofHours(12).plusSeconds(1));
    HttpResponse<String> refused = browser.postJson("/api/records/", RECORD, "X-CSRFToken", token);
    assertRefused(refused);
    assertThat(SessionClient.setCookie(refused, SessionClient.CSRF_COOKIE)).isPresent();
    clock.advance(Duration.ofHours(-12));
  }

  @Test
  void formFieldWorksForPagesAndItsAbsenceIsRefused() {
    HttpResponse<String> withoutToken = browser.postForm("/logout", Map.of());
    assertThat(withoutToken.statusCode()).isEqualTo(403);
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(browser.submit("/logout", Map.of()).statusCode()).isEqualTo(302);
  }

  @Test
  void loginFormWithoutTokenIsRefused() {
    SessionClient other = new SessionClient(api);
    other.get("/login");
    HttpResponse<String> login = other.postForm("/login", Map.of("username", user.email(), "password", TestUsers.PASSWORD));
    assertThat(login.statusCode()).isEqualTo(403);
  }

  @Test
  void bearerTokenAloneNeedsNoCsrfToken() {
    HttpResponse<String> created = api.post("/api/records/", RECORD, ApiClient.bearer(user.token()));
    assertThat(created.statusCode()).isEqualTo(201);
  }

  @Test
  void bearerTokenWithTheSessionCookieStillNeedsTheCsrfToken() {
    assertRefused(browser.postJson("/api/records/", RECORD, ApiClient.bearer(user.token())));
  }

  @Test
  void crossSiteOriginIsRefusedEvenWithAValidToken() {
    HttpResponse<String> evilOrigin = browser.postJson("/api/records/", RECORD,
        "X-CSRFToken", browser.csrfToken(), "Origin", "https://evil.example");
    assertThat(evilOrigin.statusCode()).isEqualTo(403);
    assertThat(ApiClient.json(evilOrigin).get("message").asString()).isEqualTo("Cross-origin request refused");
    HttpResponse<String> crossSite = browser.postJson("/api/records/", RECORD,
        "X-CSRFToken", browser.csrfToken(), "Sec-Fetch-Site", "cross-site");
    assertThat(crossSite.statusCode()).isEqualTo(403);
    HttpResponse<String> sameSite = browser.postJson("/api/records/", RECORD,
        "X-CSRFToken", browser.csrfToken(), "Sec-Fetch-Site", "same-site");
    assertThat(sameSite.statusCode()).isEqualTo(403);
    HttpResponse<String> sameOrigin = browser.postJson("/api/records/", RECORD, "X-CSRFToken", browser.csrfToken(),
        "Origin", api.baseUrl(), "Sec-Fetch-Site", "same-origin");
    assertThat(sameOrigin.statusCode()).isEqualTo(201);
    HttpResponse<String> pageForm = browser.postForm("/logout", Map.of("csrf_token", browser.csrfToken()),
        "Origin", "null");
    assertThat(pageForm.statusCode()).isEqualTo(403);
  }

  private void assertRefused(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(ApiClient.json(response).get("message").asString()).isEqualTo("CSRF token missing or invalid");
    assertThat(ApiClient.json(response).get("status").asInt()).isEqualTo(403);
    HttpResponse<String> search = api.get("/api/records/?q=" + title, ApiClient.bearer(user.token()));
    assertThat(search.statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(search).get("hits").get("total").asInt()).isZero();
  }
}
