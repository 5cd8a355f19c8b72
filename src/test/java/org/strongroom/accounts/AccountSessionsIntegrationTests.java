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
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.EnumSource;
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

  private static final String END = "/account/security/sessions/end";
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

  /**
   * Ways to end a session that must be refused, each with its answer. The forgeries without a
   * CSRF token come from the user's own other session, so that only the token can refuse them.
   */
  enum Attempt {
    ANOTHER_USERS_HANDLE(404, false),
    ANOTHER_USERS_SESSION_ID(404, false),
    ONE_SESSION_WITHOUT_THE_CSRF_TOKEN(403, true),
    ALL_SESSIONS_WITHOUT_THE_CSRF_TOKEN(403, true);

    final int status;
    final boolean fromTheSameUser;

    Attempt(int status, boolean fromTheSameUser) {
      this.status = status;
      this.fromTheSameUser = fromTheSameUser;
    }
  }

  @ParameterizedTest
  @EnumSource
  void aRefusedAttemptToEndASessionEndsNone(Attempt attempt) {
    TestUsers.User owner = users.user();
    SessionClient target = signIn(owner, "Phone browser");
    SessionClient sender = signIn(attempt.fromTheSameUser ? owner : users.user(), "Laptop browser");

    HttpResponse<String> refused = switch (attempt) {
      case ANOTHER_USERS_HANDLE -> sender.submit(END, Map.of("session", handleOf(target)));
      case ANOTHER_USERS_SESSION_ID -> sender.submit(END, Map.of("session", sessionId(target)));
      case ONE_SESSION_WITHOUT_THE_CSRF_TOKEN -> sender.postForm(END, Map.of("session", handleOf(target)));
      case ALL_SESSIONS_WITHOUT_THE_CSRF_TOKEN -> sender.postForm(END + "-all", Map.of());
    };
    assertThat(refused.statusCode()).isEqualTo(attempt.status);
    assertThat(target.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(sender.get("/api/me").statusCode()).isEqualTo(200);
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
