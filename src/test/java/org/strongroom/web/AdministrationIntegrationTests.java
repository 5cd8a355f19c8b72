package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.accounts.ExternalSignIn;
import org.strongroom.accounts.UserAccount;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.PageSession;
import org.strongroom.support.TestUsers;

/**
 * The administration pages for superusers in sudo mode: users (search, disable, require a
 * password change, but not of an account without a password, reset two-factor, each audited),
 * rate-limit overrides and the audit log
 * with its filters and chain status; refused to others, and asked for sudo first.
 */
@IntegrationTest
class AdministrationIntegrationTests {

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired ExternalSignIn externalSignIn;
  @Autowired JdbcClient jdbc;

  PageSession adminInSudo() {
    PageSession admin = PageSession.loggedIn(api, users.superuser().email(), TestUsers.PASSWORD);
    HttpResponse<String> ask = admin.get("/admin/users");
    assertThat(ask.statusCode()).isEqualTo(302);
    assertThat(ask.headers().firstValue("Location").orElseThrow()).contains("/account/sudo");
    HttpResponse<String> confirmed = admin.postForm("/account/sudo", Map.of("password", TestUsers.PASSWORD,
        "next", "/admin"), PageSession.csrfField(admin.get("/account/sudo?next=/admin").body()));
    assertThat(confirmed.statusCode()).isEqualTo(302);
    return admin;
  }

  private static String userId(String page, String email) {
    Matcher id = Pattern.compile("data-email=\"" + Pattern.quote(email) + "\"[\\s\\S]*?/admin/users/(\\d+)/active")
        .matcher(page);
    assertThat(id.find()).as(page).isTrue();
    return id.group(1);
  }

  @Test
  void usersAreSearchedDisabledAskedForANewPasswordAndAudited() {
    TestUsers.User carol = users.user();
    PageSession admin = adminInSudo();
    String home = admin.get("/admin").body();
    assertThat(home).contains("href=\"/admin/users\"").contains("href=\"/admin/tokens\"")
        .contains("href=\"/admin/rate-limits\"").contains("href=\"/admin/audit\"");

    String found = admin.get("/admin/users?q=" + carol.email().substring(0, 8).toUpperCase()).body();
    assertThat(found).contains(carol.email());
    assertThat(admin.get("/admin/users?q=nobody-has-this").body()).contains("No user matches").doesNotContain(carol.email());
    String id = userId(found, carol.email());
    String csrf = PageSession.csrfField(found);

    PageSession carolBrowser = PageSession.loggedIn(api, carol.email(), TestUsers.PASSWORD);
    assertThat(admin.postForm("/admin/users/" + id + "/require-password-reset", Map.of(), csrf).statusCode())
        .isEqualTo(302);
    assertThat(carolBrowser.get("/records/").statusCode()).as("her session ended").isEqualTo(200);
    assertThat(carolBrowser.get("/account/profile").statusCode()).isEqualTo(302);
    PageSession again = PageSession.loggedIn(api, carol.email(), TestUsers.PASSWORD);
    HttpResponse<String> sent = again.get("/records/");
    assertThat(sent.statusCode()).isEqualTo(302);
    assertThat(sent.headers().firstValue("Location").orElseThrow()).endsWith("/account/security?reset=required");
    assertThat(again.get("/account/security?reset=required").body()).contains("choose a new password");
    assertThat(admin.get("/admin/users?q=" + carol.email()).body()).contains("required");

    assertThat(admin.postForm("/admin/users/" + id + "/active", Map.of("active", "false"), csrf).statusCode())
        .isEqualTo(302);
    assertThat(api.get("/api/me", bearer(carol.token())).statusCode()).isEqualTo(401);

    String audit = admin.get("/admin/audit?what=user.").body();
    assertThat(audit).contains("user.password.reset_required").contains("user.disable").contains("user:" + id)
        .contains("id=\"chain-status\"").contains("Chain verified");
    assertThat(admin.get("/admin/audit?what=record.").body()).doesNotContain("user.disable");
  }

  /**
   * An account a provider or a directory made has no password to change: the users page
   * offers no "Require password change" for it, and the request sent all the same is refused
   * (409, the reason in the page) with nothing written: no flag, no ended session, no audit
   * entry of a change required.
   */
  @Test
  void noPasswordChangeIsRequiredOfAnAccountWithoutAPassword() {
    UserAccount external = externalSignIn.createWithoutPassword(
        "nopass-" + java.util.UUID.randomUUID().toString().substring(0, 8) + "@example.org", false, "oidc:test");
    PageSession admin = adminInSudo();
    String page = admin.get("/admin/users?q=" + external.email()).body();
    String id = userId(page, external.email());
    assertThat(page).doesNotContain("/admin/users/" + id + "/require-password-reset").contains("no password");
    Map<String, Object> before = jdbc.sql("select * from users where id = :id").param("id", external.id())
        .query().singleRow();

    HttpResponse<String> refused = admin.postForm("/admin/users/" + id + "/require-password-reset", Map.of(),
        PageSession.csrfField(page));
    assertThat(refused.statusCode()).isEqualTo(409);
    assertThat(refused.body()).contains("This account has no password").contains("<header class=\"site\">");
    assertThat(jdbc.sql("select * from users where id = :id").param("id", external.id()).query().singleRow())
        .isEqualTo(before);
    assertThat(admin.get("/admin/audit?what=user.password.reset_required").body()).doesNotContain("user:" + id);
  }

  @Test
  void twoFactorIsResetWithAnAuditEntry() throws Exception {
    TestUsers.User dave = users.user();
    PageSession admin = adminInSudo();
    String page = admin.get("/admin/users?q=" + dave.email()).body();
    String id = userId(page, dave.email());
    HttpResponse<String> reset = admin.postForm("/admin/users/" + id + "/reset-two-factor", Map.of(),
        PageSession.csrfField(page));
    assertThat(reset.statusCode()).isEqualTo(302);
    String audit = admin.get("/admin/audit?what=user.mfa.reset").body();
    assertThat(audit).contains("user.mfa.reset").contains("user:" + id);
  }

  @Test
  void rateLimitOverridesAreSetAndRemovedFromThePage() {
    TestUsers.User erin = users.user();
    PageSession admin = adminInSudo();
    String page = admin.get("/admin/rate-limits").body();
    assertThat(page).contains("No user has limits of their own");
    String csrf = PageSession.csrfField(page);

    HttpResponse<String> bad = admin.postForm("/admin/rate-limits", Map.of("email", erin.email(),
        "authenticated", "lots"), csrf);
    assertThat(bad.statusCode()).isEqualTo(400);
    assertThat(bad.body()).contains("class=\"error\"").contains("value=\"lots\"");

    assertThat(admin.postForm("/admin/rate-limits", Map.of("email", erin.email(), "authenticated", "7/1m"), csrf)
        .statusCode()).isEqualTo(302);
    assertThat(admin.get("/admin/rate-limits").body()).contains(erin.email()).contains("7/1m");
    assertThat(api.get("/api/records/", bearer(erin.token())).headers().firstValue("X-RateLimit-Limit"))
        .hasValue("7");
    Matcher clear = Pattern.compile("/admin/rate-limits/(\\d+)/clear").matcher(admin.get("/admin/rate-limits").body());
    assertThat(clear.find()).isTrue();
    assertThat(admin.postForm(clear.group(), Map.of(), csrf).statusCode()).isEqualTo(302);
    assertThat(admin.get("/admin/rate-limits").body()).doesNotContain(erin.email());
    assertThat(admin.get("/admin/audit?what=ratelimit.").body()).contains("ratelimit.override.set")
        .contains("ratelimit.override.clear");
  }

  @Test
  void theAuditLogFiltersByWhoAndWhen() {
    PageSession admin = adminInSudo();
    assertThat(admin.get("/admin/audit?who=nobody@example.org").body()).contains("No user has that e-mail address");
    assertThat(admin.get("/admin/audit?from=2999-01-01").body()).contains("No entry matches");
    assertThat(admin.get("/admin/audit?from=yesterday").statusCode()).isEqualTo(400);
    assertThat(admin.get("/admin/audit?from=2000-01-01&to=2999-12-31").body()).contains("<table class=\"audit\"");
  }

  @Test
  void administrationIsRefusedToOthers() {
    PageSession user = PageSession.loggedIn(api, users.user().email(), TestUsers.PASSWORD);
    for (String path : new String[] {"/admin", "/admin/users", "/admin/rate-limits", "/admin/audit", "/admin/tokens"}) {
      assertThat(user.get(path).statusCode()).as(path).isEqualTo(403);
      HttpResponse<String> anonymous = api.get(path);
      assertThat(anonymous.statusCode()).as(path).isEqualTo(302);
      assertThat(anonymous.headers().firstValue("Location").orElseThrow()).as(path).endsWith("/login");
    }
    String csrf = PageSession.csrfField(user.get("/account/settings/applications").body());
    assertThat(user.postForm("/admin/rate-limits", Map.of("email", "x@example.org", "authenticated", "1/1m"), csrf)
        .statusCode()).isEqualTo(403);
    assertThat(user.postForm("/admin/users/1/reset-two-factor", Map.of(), csrf).statusCode()).isEqualTo(403);
  }
}
