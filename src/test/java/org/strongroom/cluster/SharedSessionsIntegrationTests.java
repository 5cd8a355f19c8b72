package org.strongroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.strongroom.support.ApiClient;
import org.strongroom.support.RequiresRedis;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestUsers;
import org.strongroom.support.TwoInstances;
import org.strongroom.support.TwoInstances.Browser;

/**
 * Two servers sharing one database and one Redis, as behind a round-robin proxy: a session
 * made on one is the same session on the other, with its pending second factor, sudo mode and
 * CSRF binding; ending a user's sessions on one ends them on both.
 */
@RequiresRedis
class SharedSessionsIntegrationTests {


  static TwoInstances servers;
  static TestUsers users;

  @BeforeAll
  static void start() {
    servers = new TwoInstances();
    users = servers.users();
  }

  @AfterAll
  static void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  void aSessionMadeOnOneServerWorksOnTheOther() {
    TestUsers.User user = users.user();
    Browser browser = new Browser(servers);
    assertThat(browser.a().login(user.email(), TestUsers.PASSWORD).statusCode()).isEqualTo(302);

    HttpResponse<String> me = browser.b().get("/api/me");
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(me).get("email").asString()).isEqualTo(user.email());
    // The CSRF token issued by A at login is good on B: an unsafe request made there succeeds.
    HttpResponse<String> created = browser.b().postJsonWithCsrf("/api/records/", "{\"metadata\": {\"title\": \"Made on B\"}}");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(browser.a().get("/account/security").statusCode()).isEqualTo(200);
    // Logging out on B ends the session for A too.
    assertThat(browser.b().submit("/logout", Map.of()).statusCode()).isEqualTo(302);
    assertThat(browser.a().get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void aCsrfTokenOfAnotherSessionIsRefusedOnEitherServer() {
    TestUsers.User user = users.user();
    Browser victim = new Browser(servers);
    victim.a().login(user.email(), TestUsers.PASSWORD);
    Browser attacker = new Browser(servers);
    attacker.b().get("/login");
    String attackersToken = attacker.b().csrfToken();

    for (SessionClient side : List.of(victim.a(), victim.b())) {
      HttpResponse<String> forged = side.postJson("/api/records/", "{\"metadata\": {\"title\": \"Forged\"}}",
          "X-CSRFToken", attackersToken);
      assertThat(forged.statusCode()).isEqualTo(403);
    }
    assertThat(servers.a.getBean(org.springframework.jdbc.core.simple.JdbcClient.class)
        .sql("select count(*) from records").query(Long.class).single()).isGreaterThanOrEqualTo(0);
  }

  @Test
  void thePendingSecondFactorStartedOnOneServerIsCompletedOnTheOther() throws Exception {
    TestUsers.User user = users.user();
    String seed = servers.enrolTotp(user);

    Browser browser = new Browser(servers);
    HttpResponse<String> password = browser.a().login(user.email(), TestUsers.PASSWORD);
    assertThat(password.headers().firstValue("Location").orElseThrow()).endsWith("/login/mfa");
    assertThat(browser.b().get("/api/me").statusCode()).isEqualTo(401);
    // The step after the one used at enrolment (one step of drift is allowed).
    HttpResponse<String> code = browser.b().submit("/login/mfa", Map.of("code", TwoInstances.totpCode(seed, 1)));
    assertThat(code.statusCode()).isEqualTo(302);
    assertThat(browser.a().get("/api/me").statusCode()).isEqualTo(200);
    assertThat(browser.b().get("/api/me").statusCode()).isEqualTo(200);
  }

  @Test
  void sudoModeConfirmedOnOneServerHoldsOnTheOther() {
    TestUsers.User admin = users.superuser();
    TestUsers.User other = users.user();
    Browser browser = new Browser(servers);
    browser.a().login(admin.email(), TestUsers.PASSWORD);
    HttpResponse<String> before = browser.b().submit("/admin/users/" + other.id() + "/active", Map.of("active", "false"));
    assertThat(before.headers().firstValue("Location").orElseThrow()).contains("/account/sudo");

    assertThat(browser.a().submit("/account/sudo", Map.of("password", TestUsers.PASSWORD, "next", "/admin/users"))
        .statusCode()).isEqualTo(302);
    HttpResponse<String> after = browser.b().submit("/admin/users/" + other.id() + "/active", Map.of("active", "false"));
    assertThat(after.statusCode()).isEqualTo(302);
    assertThat(after.headers().firstValue("Location").orElseThrow()).endsWith("/admin/users");
    assertThat(servers.a.getBean(org.strongroom.accounts.Accounts.class).findById(other.id()).orElseThrow().active())
        .isFalse();
  }

  @Test
  void aPasswordChangeOnOneServerEndsTheOtherSessionsOnBoth() {
    TestUsers.User user = users.user();
    Browser changing = new Browser(servers);
    changing.a().login(user.email(), TestUsers.PASSWORD);
    Browser elsewhere = new Browser(servers);
    elsewhere.b().login(user.email(), TestUsers.PASSWORD);
    String elsewhereId = elsewhere.b().sessionId();
    assertThat(liveSession(elsewhereId)).isTrue();

    String replacement = "another long passphrase 7";
    assertThat(changing.a().submit("/account/security/password", Map.of("current_password", TestUsers.PASSWORD,
        "new_password", replacement, "confirm_password", replacement)).statusCode()).isEqualTo(302);

    assertThat(liveSession(elsewhereId)).isFalse();
    assertThat(elsewhere.a().get("/api/me").statusCode()).isEqualTo(401);
    assertThat(elsewhere.b().get("/api/me").statusCode()).isEqualTo(401);
    assertThat(changing.b().get("/api/me").statusCode()).isEqualTo(200);
  }

  @Test
  void disablingOrEndingSessionsAsASuperuserOnOneServerEndsThemOnBoth() {
    TestUsers.User admin = users.superuser();
    TestUsers.User user = users.user();
    Browser adminBrowser = new Browser(servers);
    adminBrowser.a().login(admin.email(), TestUsers.PASSWORD);
    adminBrowser.a().submit("/account/sudo", Map.of("password", TestUsers.PASSWORD, "next", "/admin/users"));

    Browser first = new Browser(servers);
    first.b().login(user.email(), TestUsers.PASSWORD);
    assertThat(adminBrowser.a().submit("/admin/users/" + user.id() + "/sessions/end", Map.of()).statusCode())
        .isEqualTo(302);
    assertThat(first.b().get("/api/me").statusCode()).isEqualTo(401);
    assertThat(first.a().get("/api/me").statusCode()).isEqualTo(401);

    Browser second = new Browser(servers);
    second.a().login(user.email(), TestUsers.PASSWORD);
    String secondId = second.a().sessionId();
    assertThat(adminBrowser.b().submit("/admin/users/" + user.id() + "/active", Map.of("active", "false"))
        .statusCode()).isEqualTo(302);
    assertThat(liveSession(secondId)).isFalse();
    assertThat(second.b().get("/api/me").statusCode()).isEqualTo(401);
    assertThat(second.a().get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void signingOutEverywhereEndsEverySessionOnBothServers() {
    TestUsers.User user = users.user();
    Browser one = new Browser(servers);
    one.a().login(user.email(), TestUsers.PASSWORD);
    Browser two = new Browser(servers);
    two.b().login(user.email(), TestUsers.PASSWORD);

    HttpResponse<String> out = one.b().submit("/account/security/sessions/end-all", Map.of());
    assertThat(out.statusCode()).isEqualTo(302);
    assertThat(out.headers().firstValue("Location").orElseThrow()).endsWith("/login");
    for (Browser browser : List.of(one, two)) {
      assertThat(browser.a().get("/api/me").statusCode()).isEqualTo(401);
      assertThat(browser.b().get("/api/me").statusCode()).isEqualTo(401);
    }
  }

  @Test
  void theSessionListShowsEverySessionOfTheUserWhicheverServerMadeIt() {
    TestUsers.User user = users.user();
    Browser laptop = new Browser(servers);
    laptop.a().get("/login", "User-Agent", "Laptop browser");
    laptop.a().submit("/login", Map.of("username", user.email(), "password", TestUsers.PASSWORD));
    Browser phone = new Browser(servers);
    phone.b().get("/login", "User-Agent", "Phone browser");
    phone.b().postForm("/login", Map.of("username", user.email(), "password", TestUsers.PASSWORD,
        "csrf_token", phone.b().csrfToken()), "User-Agent", "Phone browser");

    String page = laptop.b().get("/account/security").body();
    assertThat(page).contains("Phone browser").contains("127.0.0.1").containsOnlyOnce("This session");
    List<String> handles = SessionPages.handles(page);
    assertThat(handles).hasSize(2);

    String phoneHandle = SessionPages.handleOfRowContaining(page, "Phone browser");
    assertThat(laptop.a().submit("/account/security/sessions/end", Map.of("session", phoneHandle)).statusCode())
        .isEqualTo(302);
    assertThat(phone.b().get("/api/me").statusCode()).isEqualTo(401);
    assertThat(phone.a().get("/api/me").statusCode()).isEqualTo(401);
    assertThat(laptop.b().get("/api/me").statusCode()).isEqualTo(200);
    assertThat(SessionPages.handles(laptop.a().get("/account/security").body())).hasSize(1);
  }

  @Test
  void anotherUsersSessionCannotBeEndedFromEitherServer() {
    Browser victim = new Browser(servers);
    victim.a().login(users.user().email(), TestUsers.PASSWORD);
    String victimHandle = SessionPages.handles(victim.a().get("/account/security").body()).get(0);
    String victimId = new String(Base64.getDecoder().decode(victim.a().sessionId()), StandardCharsets.UTF_8);
    Browser attacker = new Browser(servers);
    attacker.b().login(users.user().email(), TestUsers.PASSWORD);

    for (String guess : List.of(victimHandle, victimId)) {
      assertThat(attacker.b().submit("/account/security/sessions/end", Map.of("session", guess)).statusCode())
          .isEqualTo(404);
      assertThat(attacker.a().submit("/account/security/sessions/end", Map.of("session", guess)).statusCode())
          .isEqualTo(404);
    }
    assertThat(victim.b().get("/api/me").statusCode()).isEqualTo(200);
    assertThat(liveSession(victim.b().sessionId())).isTrue();
  }

  /** Whether the shared store holds a live session for this cookie value (the id, Base64-encoded). */
  private static boolean liveSession(String cookie) {
    String sessionId = new String(Base64.getDecoder().decode(cookie), StandardCharsets.UTF_8);
    return servers.b.getBean(RedisIndexedSessionRepository.class).findById(sessionId) != null;
  }
}
