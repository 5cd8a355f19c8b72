package org.strongroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;
import java.util.regex.Pattern;

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
 * The list of a user's sessions on {@code /account/security} (the in-memory store): what it
 * shows, ending one, and the attacks on ending: someone else's session by its handle or its id,
 * and a forged form without the CSRF token.
 */
@IntegrationTest
@Import({MutableClock.Configuration.class, RecordedAuditEvents.class})
class AccountSessionsIntegrationTests {

  private static final Pattern HANDLE = Pattern.compile("name=\"session\" value=\"([A-Za-z0-9_-]+)\"");

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired MutableClock clock;
  @Autowired RecordedAuditEvents audit;

  @BeforeEach
  void forgetEarlierFailures() {
    clock.advance(Duration.ofDays(2));
  }

  @Test
  void theListShowsEachSessionWithItsAddressBrowserAndWhichIsThisOne() {
    TestUsers.User user = users.user();
    SessionClient laptop = signIn(user, "Laptop browser");
    signIn(user, "Phone browser");
    signIn(users.user(), "Someone else's browser");

    String page = laptop.get("/account/security").body();
    assertThat(handles(page)).hasSize(2);
    assertThat(page).contains("Laptop browser", "Phone browser", "127.0.0.1").containsOnlyOnce("This session")
        .doesNotContain("Someone else's browser").doesNotContain(sessionId(laptop));
  }

  @Test
  void endingAnotherOfOnesOwnSessionsSignsItOut() {
    TestUsers.User user = users.user();
    SessionClient laptop = signIn(user, "Laptop browser");
    SessionClient phone = signIn(user, "Phone browser");
    String phoneHandle = handleOf(phone);

    HttpResponse<String> ended = laptop.submit("/account/security/sessions/end", Map.of("session", phoneHandle));
    assertThat(ended.statusCode()).isEqualTo(302);
    assertThat(phone.get("/api/me").statusCode()).isEqualTo(401);
    assertThat(laptop.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(handles(laptop.get("/account/security").body())).hasSize(1).doesNotContain(phoneHandle);
    assertThat(audit.actionsFor(user.id())).contains("session.end");
  }

  @Test
  void endingThisSessionSignsOut() {
    SessionClient browser = signIn(users.user(), "Laptop browser");
    HttpResponse<String> ended = browser.submit("/account/security/sessions/end", Map.of("session", handleOf(browser)));
    assertThat(ended.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void anotherUsersSessionCannotBeEndedByItsHandleOrItsId() {
    SessionClient attacker = signIn(users.user(), "Attacker");
    SessionClient victim = signIn(users.user(), "Victim");
    String victimHandle = handleOf(victim);

    HttpResponse<String> byHandle = attacker.submit("/account/security/sessions/end", Map.of("session", victimHandle));
    assertThat(byHandle.statusCode()).isEqualTo(404);
    HttpResponse<String> byId = attacker.submit("/account/security/sessions/end", Map.of("session", sessionId(victim)));
    assertThat(byId.statusCode()).isEqualTo(404);
    assertThat(victim.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(attacker.get("/api/me").statusCode()).isEqualTo(200);
  }

  @Test
  void endingASessionWithoutTheCsrfTokenIsRefused() {
    TestUsers.User user = users.user();
    SessionClient laptop = signIn(user, "Laptop browser");
    SessionClient phone = signIn(user, "Phone browser");
    String phoneHandle = handleOf(phone);

    HttpResponse<String> forged = laptop.postForm("/account/security/sessions/end", Map.of("session", phoneHandle));
    assertThat(forged.statusCode()).isEqualTo(403);
    HttpResponse<String> forgedAll = laptop.postForm("/account/security/sessions/end-all", Map.of());
    assertThat(forgedAll.statusCode()).isEqualTo(403);
    assertThat(phone.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(laptop.get("/api/me").statusCode()).isEqualTo(200);
  }

  @Test
  void signingOutEverywhereEndsEverySessionOfTheUserOnly() {
    TestUsers.User user = users.user();
    SessionClient laptop = signIn(user, "Laptop browser");
    SessionClient phone = signIn(user, "Phone browser");
    SessionClient bystander = signIn(users.user(), "Bystander");

    assertThat(laptop.submit("/account/security/sessions/end-all", Map.of()).statusCode()).isEqualTo(302);
    assertThat(List.of(laptop, phone)).allSatisfy(b -> assertThat(b.get("/api/me").statusCode()).isEqualTo(401));
    assertThat(bystander.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(audit.actionsFor(user.id())).contains("session.end-all");
  }

  private SessionClient signIn(TestUsers.User user, String userAgent) {
    SessionClient browser = new SessionClient(api);
    browser.get("/login", "User-Agent", userAgent);
    HttpResponse<String> login = browser.postForm("/login", Map.of("username", user.email(),
        "password", TestUsers.PASSWORD, "csrf_token", browser.csrfToken()), "User-Agent", userAgent);
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);
    return browser;
  }

  /** The handle of the browser's own session: the row marked "This session". */
  private static String handleOf(SessionClient browser) {
    String page = browser.get("/account/security").body();
    int mark = page.indexOf("This session");
    var matcher = HANDLE.matcher(page);
    assertThat(matcher.find(mark)).isTrue();
    return matcher.group(1);
  }

  private static List<String> handles(String page) {
    return HANDLE.matcher(page).results().map(r -> r.group(1)).toList();
  }

  private static String sessionId(SessionClient browser) {
    return new String(Base64.getDecoder().decode(browser.sessionId()), StandardCharsets.UTF_8);
  }
}
