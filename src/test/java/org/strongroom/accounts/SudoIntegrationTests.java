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
 * Sudo mode: a superuser's browser session must re-confirm the password before superuser
 * actions, and the confirmation lasts ten minutes.
 */
@IntegrationTest
@Import({MutableClock.Configuration.class, RecordedAuditEvents.class})
class SudoIntegrationTests {

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired MutableClock clock;
  @Autowired RecordedAuditEvents audit;

  @BeforeEach
  void forgetEarlierFailures() {
    clock.advance(Duration.ofDays(2));
  }

  @Test
  void superuserActionsWaitForAPasswordConfirmationThatExpires() {
    TestUsers.User admin = users.superuser();
    TestUsers.User victim = users.user();
    SessionClient browser = new SessionClient(api);
    browser.login(admin.email(), TestUsers.PASSWORD);

    HttpResponse<String> ask = browser.get("/admin/users");
    assertThat(ask.statusCode()).isEqualTo(302);
    assertThat(ask.headers().firstValue("Location").orElseThrow()).endsWith("/account/sudo?next=%2Fadmin%2Fusers");
    HttpResponse<String> action = browser.submit("/admin/users/" + victim.id() + "/active", Map.of("active", "false"));
    assertThat(action.headers().firstValue("Location").orElseThrow()).contains("/account/sudo");
    assertThat(new SessionClient(api).login(victim.email(), TestUsers.PASSWORD).headers().firstValue("Location")
        .orElseThrow()).endsWith(":" + api.port() + "/");

    assertThat(browser.get("/account/sudo?next=/admin/users").statusCode()).isEqualTo(200);
    HttpResponse<String> wrong = browser.submit("/account/sudo", Map.of("password", "not the password", "next", "/admin/users"));
    assertThat(wrong.statusCode()).isEqualTo(400);

    String before = browser.sessionId();
    String csrfBefore = browser.csrfToken();
    HttpResponse<String> confirmed = browser.submit("/account/sudo", Map.of("password", TestUsers.PASSWORD, "next", "/admin/users"));
    assertThat(confirmed.statusCode()).isEqualTo(302);
    assertThat(confirmed.headers().firstValue("Location").orElseThrow()).endsWith("/admin/users");
    assertThat(browser.sessionId()).isNotEqualTo(before);
    assertThat(browser.csrfToken()).isNotEqualTo(csrfBefore);
    assertThat(audit.actionsFor(admin.id())).contains("sudo.confirm");

    assertThat(browser.get("/admin/users").statusCode()).isEqualTo(200);
    clock.advance(Duration.ofMinutes(9));
    assertThat(browser.submit("/admin/users/" + victim.id() + "/active", Map.of("active", "false"))
        .headers().firstValue("Location").orElseThrow()).endsWith("/admin/users");
    assertThat(audit.actionsFor(admin.id())).contains("user.disable");
    assertThat(new SessionClient(api).login(victim.email(), TestUsers.PASSWORD).headers().firstValue("Location")
        .orElseThrow()).endsWith("/login?error");

    clock.advance(Duration.ofMinutes(1).plusSeconds(1));
    assertThat(browser.get("/admin/users").headers().firstValue("Location").orElseThrow()).contains("/account/sudo");
  }

  @Test
  void sudoNeedsTheTotpCodeWhenEnrolled() throws Exception {
    TestUsers.User admin = users.superuser();
    SessionClient browser = new SessionClient(api);
    browser.login(admin.email(), TestUsers.PASSWORD);
    browser.submit("/account/security/totp/start", Map.of());
    java.util.regex.Matcher seed = TwoFactorContract.SEED.matcher(browser.get("/account/security").body());
    assertThat(seed.find()).isTrue();
    var codes = new dev.samstevens.totp.code.DefaultCodeGenerator();
    long step = clock.instant().getEpochSecond() / 30;
    browser.submit("/account/security/totp/confirm", Map.of("code", codes.generate(seed.group(1), step)));

    HttpResponse<String> passwordOnly = browser.submit("/account/sudo", Map.of("password", TestUsers.PASSWORD, "next", "/admin/users"));
    assertThat(passwordOnly.statusCode()).isEqualTo(400);
    HttpResponse<String> both = browser.submit("/account/sudo", Map.of("password", TestUsers.PASSWORD,
        "code", codes.generate(seed.group(1), step + 1), "next", "/admin/users"));
    assertThat(both.statusCode()).isEqualTo(302);
    assertThat(browser.get("/admin/users").statusCode()).isEqualTo(200);
  }

  @Test
  void superuserApiFromABrowserSessionNeedsSudoButATokenDoesNot() {
    TestUsers.User admin = users.superuser();
    TestUsers.User target = users.user();
    String path = "/api/admin/rate-limits/" + target.id();
    SessionClient browser = new SessionClient(api);
    browser.login(admin.email(), TestUsers.PASSWORD);
    HttpResponse<String> refused = browser.get(path);
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(ApiClient.json(refused).get("message").asString()).isEqualTo(Sudo.REQUIRED_MESSAGE);
    browser.submit("/account/sudo", Map.of("password", TestUsers.PASSWORD, "next", "/"));
    assertThat(browser.get(path).statusCode()).isEqualTo(200);
    String adminToken = users.token(admin.email(), java.util.Set.of(org.strongroom.core.Scope.ADMIN));
    assertThat(api.get(path, ApiClient.bearer(adminToken)).statusCode()).isEqualTo(200);
  }

  @Test
  void ordinaryUsersCannotReachSuperuserPagesEvenInSudoMode() {
    TestUsers.User user = users.user();
    SessionClient browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);
    browser.submit("/account/sudo", Map.of("password", TestUsers.PASSWORD, "next", "/"));
    assertThat(browser.get("/admin/users").statusCode()).isEqualTo(403);
  }

  @Test
  void theRedirectAfterConfirmationStaysOnThisSite() {
    assertThat(Sudo.safeNext("//evil.example/x")).isEqualTo("/");
    assertThat(Sudo.safeNext("https://evil.example")).isEqualTo("/");
    assertThat(Sudo.safeNext("/\\evil.example")).isEqualTo("/");
    assertThat(Sudo.safeNext("/admin/users")).isEqualTo("/admin/users");
    TestUsers.User admin = users.superuser();
    SessionClient browser = new SessionClient(api);
    browser.login(admin.email(), TestUsers.PASSWORD);
    HttpResponse<String> confirmed = browser.submit("/account/sudo", Map.of("password", TestUsers.PASSWORD,
        "next", "//evil.example/"));
    assertThat(confirmed.headers().firstValue("Location").orElseThrow()).doesNotContain("evil");
  }
}
