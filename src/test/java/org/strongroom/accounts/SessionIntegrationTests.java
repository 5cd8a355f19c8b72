package org.strongroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.List;
import java.util.Map;

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
 * Session attacks: cookie flags, fixation, logout, password change and disabled accounts
 * ending every session, absolute lifetime.
 */
@IntegrationTest
@Import({MutableClock.Configuration.class, RecordedAuditEvents.class})
class SessionIntegrationTests {

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired Accounts accounts;
  @Autowired MutableClock clock;

  /** A clean slate for the login throttle, shared by every test on this context. */
  @org.junit.jupiter.api.BeforeEach
  void forgetEarlierFailures() {
    clock.advance(Duration.ofDays(2));
  }

  @Test
  void sessionAndCsrfCookiesCarryTheRequiredFlags() {
    SessionClient browser = new SessionClient(api);
    HttpResponse<String> page = browser.get("/login");
    String session = SessionClient.setCookie(page, SessionClient.SESSION_COOKIE).orElseThrow();
    assertThat(session.split(";\\s*")).contains("Secure", "HttpOnly", "SameSite=Lax", "Path=/");
    assertThat(session.toLowerCase()).doesNotContain("domain=").doesNotContain("max-age").doesNotContain("expires");
    String csrf = SessionClient.setCookie(page, SessionClient.CSRF_COOKIE).orElseThrow();
    assertThat(csrf.split(";\\s*")).contains("Secure", "SameSite=Strict", "Path=/");
    assertThat(csrf.toLowerCase()).doesNotContain("httponly").doesNotContain("domain=");
  }

  /**
   * The API chain has no session management: nothing it answers, signed in by token or not,
   * refused or not, may start a session (or hand out a session cookie to fixate later).
   */
  @Test
  void theApiNeverStartsASession() {
    TestUsers.User user = users.user();
    String[] token = ApiClient.bearer(user.token());
    List<HttpResponse<String>> answers = List.of(
        api.get("/api/records/"),
        api.get("/api/records/", token),
        api.get("/api/me"),
        api.get("/api/me", token),
        api.get("/api/me", "Authorization", "Bearer sr_not-a-token"),
        api.get("/api/admin/rate-limits/" + user.id(), token),
        api.post("/api/records/", "{\"metadata\": {\"title\": \"No session\"}}", token),
        api.post("/api/records/", "{\"metadata\": {\"title\": \"No session\"}}"));
    assertThat(answers).extracting(HttpResponse::statusCode).containsExactly(200, 200, 401, 200, 401, 403, 201, 401);
    for (HttpResponse<String> answer : answers) {
      assertThat(SessionClient.setCookie(answer, SessionClient.SESSION_COOKIE))
          .as(answer.request().uri().getPath()).isEmpty();
    }
  }

  @Test
  void loginGivesANewSessionIdAndANewCsrfToken() {
    TestUsers.User user = users.user();
    SessionClient browser = new SessionClient(api);
    browser.get("/login");
    String before = browser.sessionId();
    String csrfBefore = browser.csrfToken();
    HttpResponse<String> login = browser.submit("/login", Map.of("username", user.email(), "password", TestUsers.PASSWORD));
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith(":" + api.port() + "/");
    assertThat(browser.sessionId()).isNotNull().isNotEqualTo(before);
    assertThat(browser.csrfToken()).isNotNull().isNotEqualTo(csrfBefore);

    // The attacker who planted or saw the pre-login id gets nothing.
    SessionClient attacker = new SessionClient(api);
    attacker.setCookie(SessionClient.SESSION_COOKIE, before);
    assertThat(attacker.get("/api/me").statusCode()).isEqualTo(401);
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);
  }

  @Test
  void logoutEndsTheSessionOnTheServer() {
    TestUsers.User user = users.user();
    SessionClient browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);
    String loggedIn = browser.sessionId();
    HttpResponse<String> logout = browser.submit("/logout", Map.of());
    assertThat(logout.statusCode()).isEqualTo(302);
    assertThat(logout.headers().firstValue("Location").orElseThrow()).endsWith("/login?logout");
    assertThat(browser.sessionId()).isNotEqualTo(loggedIn);

    SessionClient replay = new SessionClient(api);
    replay.setCookie(SessionClient.SESSION_COOKIE, loggedIn);
    assertThat(replay.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void changingThePasswordEndsEveryOtherSession() {
    TestUsers.User user = users.user();
    SessionClient laptop = new SessionClient(api);
    SessionClient phone = new SessionClient(api);
    laptop.login(user.email(), TestUsers.PASSWORD);
    phone.login(user.email(), TestUsers.PASSWORD);
    assertThat(phone.get("/api/me").statusCode()).isEqualTo(200);
    String laptopBefore = laptop.sessionId();

    HttpResponse<String> change = laptop.submit("/account/security/password", Map.of(
        "current_password", TestUsers.PASSWORD, "new_password", "a brand new passphrase 7",
        "confirm_password", "a brand new passphrase 7"));
    assertThat(change.statusCode()).isEqualTo(302);

    assertThat(phone.get("/api/me").statusCode()).isEqualTo(401);
    assertThat(laptop.sessionId()).isNotEqualTo(laptopBefore);
    assertThat(laptop.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(new SessionClient(api).login(user.email(), TestUsers.PASSWORD).headers().firstValue("Location").orElseThrow())
        .endsWith("/login?error");
    assertThat(new SessionClient(api).login(user.email(), "a brand new passphrase 7").headers().firstValue("Location").orElseThrow())
        .endsWith(":" + api.port() + "/");
  }

  @Test
  void changingThePasswordNeedsTheOldOneAndFollowsThePolicy() {
    TestUsers.User user = users.user();
    SessionClient browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);
    HttpResponse<String> wrongOld = browser.submit("/account/security/password", Map.of(
        "current_password", "not my password at all", "new_password", "a brand new passphrase 7",
        "confirm_password", "a brand new passphrase 7"));
    assertThat(wrongOld.statusCode()).isEqualTo(400);
    HttpResponse<String> common = browser.submit("/account/security/password", Map.of(
        "current_password", TestUsers.PASSWORD, "new_password", "123qweasdzxc", "confirm_password", "123qweasdzxc"));
    assertThat(common.statusCode()).isEqualTo(400);
    assertThat(common.body()).contains("too common");
    // The example of issue #34, refused by the breached-password corpus shipped with the build.
    HttpResponse<String> breached = browser.submit("/account/security/password", Map.of(
        "current_password", TestUsers.PASSWORD, "new_password", "password1234", "confirm_password", "password1234"));
    assertThat(breached.statusCode()).isEqualTo(400);
    assertThat(breached.body()).contains("lists of breached passwords");
    HttpResponse<String> shortOne = browser.submit("/account/security/password", Map.of(
        "current_password", TestUsers.PASSWORD, "new_password", "short pw 1", "confirm_password", "short pw 1"));
    assertThat(shortOne.statusCode()).isEqualTo(400);
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(new SessionClient(api).login(user.email(), "password1234").headers().firstValue("Location").orElseThrow())
        .endsWith("/login?error");
  }

  @Test
  void disablingTheAccountEndsItsSessions() {
    TestUsers.User user = users.user();
    SessionClient browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);
    accounts.setActive(user.id(), false);
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
    assertThat(new SessionClient(api).login(user.email(), TestUsers.PASSWORD).headers().firstValue("Location").orElseThrow())
        .endsWith("/login?error");
  }

  @Test
  void aSessionEndsAfterItsAbsoluteLifetimeEvenWhenUsed() {
    TestUsers.User user = users.user();
    SessionClient browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);
    clock.advance(Duration.ofHours(11).plusMinutes(50));
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(11));
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void pagesRedirectToLoginAndApiAnswers401WithoutASession() {
    HttpResponse<String> page = new SessionClient(api).get("/account/security");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    HttpResponse<String> me = api.get("/api/me");
    assertThat(me.statusCode()).isEqualTo(401);
    assertThat(ApiClient.json(me).get("message").asString()).isEqualTo("Authentication required");
  }
}
