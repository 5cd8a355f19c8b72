package org.strongroom.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.strongroom.accounts.Accounts;
import org.strongroom.core.AuditEvent;
import org.strongroom.support.ApiClient;
import org.strongroom.support.BrowserChecks;
import org.strongroom.support.BrowserNavigation;
import org.strongroom.support.InJvmProvider;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.PageSession;
import org.strongroom.support.RecordedAuditEvents;
import org.strongroom.support.RequiresChromium;
import org.strongroom.support.TestInstance;
import org.strongroom.support.TestUsers;
import org.strongroom.support.WebDrivers;
import org.strongroom.secrets.SecretBox;
import org.strongroom.secrets.SecretKeyRing;
import org.strongroom.secrets.SecretsProperties;

/**
 * OpenID Connect sign-in against a real provider in the JVM (mock-oauth2-server): the code
 * flow with PKCE, state and nonce; account matching by (issuer, subject) only; superuser
 * rights from a claim; the second-factor rule; and forged, replayed or tampered callbacks,
 * each refused with nothing signed in.
 */
@IntegrationTest
@Import(RecordedAuditEvents.class)
class OidcLoginIntegrationTests {

  /** One provider for the JVM (the PostgreSQL variant of this class shares it), stopped at exit. */
  static final MockOAuth2Server PROVIDER = InJvmProvider.start();

  @DynamicPropertySource
  static void providers(DynamicPropertyRegistry registry) {
    registry.add("strongroom.security.require-mfa-for-superusers", () -> "true");
    registry.add("strongroom.sso.oidc.corp.issuer-uri", () -> PROVIDER.issuerUrl("corp").toString());
    registry.add("strongroom.sso.oidc.corp.client-id", () -> "strongroom");
    registry.add("strongroom.sso.oidc.corp.client-secret-sealed", OidcLoginIntegrationTests::sealedSecret);
    registry.add("strongroom.sso.oidc.corp.display-name", () -> "Corp Login");
    registry.add("strongroom.sso.oidc.corp.create-users", () -> "true");
    registry.add("strongroom.sso.oidc.corp.allowed-email-domains", () -> "corp.example, example.org");
    registry.add("strongroom.sso.oidc.corp.superuser-claim", () -> "groups");
    registry.add("strongroom.sso.oidc.corp.superuser-value", () -> "strongroom-admins");
    registry.add("strongroom.sso.oidc.corp.trust-provider-mfa", () -> "true");
    // As corp, but its users' second factor is not trusted (trust-provider-mfa left at false).
    registry.add("strongroom.sso.oidc.untrusted.issuer-uri", () -> PROVIDER.issuerUrl("untrusted").toString());
    registry.add("strongroom.sso.oidc.untrusted.client-id", () -> "strongroom");
    registry.add("strongroom.sso.oidc.untrusted.client-secret", () -> "test-client-secret");
    registry.add("strongroom.sso.oidc.untrusted.display-name", () -> "Untrusted Login");
    registry.add("strongroom.sso.oidc.untrusted.create-users", () -> "true");
    registry.add("strongroom.sso.oidc.untrusted.allowed-email-domains", () -> "corp.example");
    registry.add("strongroom.sso.oidc.untrusted.superuser-claim", () -> "groups");
    registry.add("strongroom.sso.oidc.untrusted.superuser-value", () -> "strongroom-admins");
    registry.add("strongroom.sso.oidc.staff.issuer-uri", () -> PROVIDER.issuerUrl("staff").toString());
    registry.add("strongroom.sso.oidc.staff.client-id", () -> "strongroom-staff");
    registry.add("strongroom.sso.oidc.staff.client-secret", () -> "test-client-secret");
    registry.add("strongroom.sso.oidc.down.issuer-uri", () -> "http://127.0.0.1:1/down");
    registry.add("strongroom.sso.oidc.down.client-id", () -> "strongroom");
    registry.add("strongroom.sso.oidc.down.client-secret", () -> "x");
    registry.add("strongroom.sso.oidc.down.display-name", () -> "Down Login");
    // Its discovery document names another issuer (no trailing slash): refused, as a mix-up would be.
    registry.add("strongroom.sso.oidc.mixup.issuer-uri", () -> PROVIDER.issuerUrl("corp") + "/");
    registry.add("strongroom.sso.oidc.mixup.client-id", () -> "strongroom");
    registry.add("strongroom.sso.oidc.mixup.client-secret", () -> "x");
    registry.add("strongroom.sso.oidc.mixup.display-name", () -> "Mixup Login");
  }

  /** Sealed as {@code strongroom sso seal-secret} does, under the test instance's key. */
  static String sealedSecret() {
    try {
      String key = java.nio.file.Files.readString(TestInstance.ensure().secretKey()).strip();
      return SsoSecrets.seal(new SecretBox(new SecretKeyRing(new SecretsProperties(key, List.of()))),
          "test-client-secret");
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired Accounts accounts;
  @Autowired JdbcClient jdbc;
  @Autowired RecordedAuditEvents audit;

  /** The next ID token the provider issues for {@code issuer}. */
  static void nextToken(String issuer, String subject, Map<String, Object> claims, long expirySeconds) {
    PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback(issuer, subject, JOSEObjectType.JWT.getType(), null,
        claims, expirySeconds));
  }

  static void nextToken(String issuer, String subject, Map<String, Object> claims) {
    nextToken(issuer, subject, claims, 3600);
  }

  static String newEmail(String domain) {
    return "p" + UUID.randomUUID().toString().substring(0, 10) + "@" + domain;
  }

  static Map<String, Object> verified(String email) {
    return Map.of("email", email, "email_verified", true);
  }

  private void assertSignedOut(OidcBrowser browser) {
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
  }

  private String signedInAs(OidcBrowser browser) {
    HttpResponse<String> me = browser.get("/api/me");
    assertThat(me.statusCode()).isEqualTo(200);
    return ApiClient.json(me).get("email").asString();
  }

  @Test
  void firstLoginCreatesAnAccountThroughTheCodeFlowWithPkceStateAndNonce() {
    OidcBrowser browser = new OidcBrowser(api);
    URI authorization = browser.start("corp");
    assertThat(authorization.toString()).startsWith(PROVIDER.authorizationEndpointUrl("corp").toString());
    assertThat(OidcBrowser.query(authorization, "response_type")).isEqualTo("code");
    assertThat(OidcBrowser.query(authorization, "code_challenge_method")).isEqualTo("S256");
    assertThat(OidcBrowser.query(authorization, "code_challenge")).isNotBlank();
    assertThat(OidcBrowser.query(authorization, "state")).isNotBlank();
    assertThat(OidcBrowser.query(authorization, "nonce")).isNotBlank();
    assertThat(OidcBrowser.query(authorization, "scope")).contains("openid");
    String email = newEmail("corp.example");
    nextToken("corp", "alice-" + UUID.randomUUID(), verified(email));
    HttpResponse<String> back = browser.callback(browser.authorize(authorization));
    assertThat(back.statusCode()).isEqualTo(302);
    assertThat(back.headers().firstValue("Location").orElseThrow()).isEqualTo(api.baseUrl() + "/");
    assertThat(signedInAs(browser)).isEqualTo(email);
    long id = accounts.findByEmail(email).orElseThrow().id();
    assertThat(accounts.findById(id).orElseThrow().superuser()).isFalse();
    assertThat(audit.forUser(id)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("login.success");
      assertThat(e.details()).containsEntry("method", "oidc:corp");
    });
  }

  /**
   * The same sign-in in Chromium, by clicking the provider's button: the browser's own cookie
   * rules (SameSite, {@code __Host-}) let the provider's redirect back complete it, and the
   * login page with its providers and the security page with the linked identity (and, for
   * this account the provider made, no password form but why there is none) pass
   * {@link BrowserChecks}.
   */
  @Test
  @RequiresChromium
  void aBrowserSignsInThroughTheProviderButton() {
    String email = newEmail("corp.example");
    nextToken("corp", "browser-" + UUID.randomUUID(), verified(email));
    try (WebDrivers.Browser browser = WebDrivers.chromium("--window-size=1280,1400")) {
      WebDriver driver = browser.driver();
      driver.get(api.baseUrl() + "/login");
      assertThat(driver.findElement(By.cssSelector("ul.sso-providers")).getText()).contains("Corp Login")
          .contains("Down Login (unavailable)");
      BrowserChecks.check(driver, "login-single-sign-on");
      driver.findElement(By.linkText("Corp Login")).click();
      BrowserNavigation.waiting(driver, BrowserNavigation.PAGE_LOAD).until(d ->
          d.getCurrentUrl().startsWith(api.baseUrl()) && !d.findElements(By.cssSelector("a.who")).isEmpty());
      assertThat(driver.findElement(By.cssSelector("a.who")).getText()).isEqualTo(email);
      BrowserNavigation.follow(driver, By.linkText("Security"));
      assertThat(driver.findElement(By.id("sso")).getText()).contains("Corp Login").contains(email);
      assertThat(driver.findElement(By.id("password")).getText()).contains("This account has no Strongroom password");
      assertThat(driver.findElements(By.id("new_password"))).isEmpty();
      BrowserChecks.check(driver, "security-single-sign-on");
    }
  }

  @Test
  void anExistingAccountsEmailDoesNotSignIntoIt() {
    TestUsers.User victim = users.user();
    OidcBrowser attacker = new OidcBrowser(api);
    nextToken("corp", "mallory-" + UUID.randomUUID(), verified(victim.email()));
    HttpResponse<String> back = attacker.signIn("corp");
    assertThat(back.statusCode()).isEqualTo(403);
    assertThat(back.body()).contains("link Corp Login under Account security");
    assertSignedOut(attacker);
    assertThat(jdbc.sql("select count(*) from sso_identities where user_id = :id").param("id", victim.id())
        .query(Long.class).single()).isZero();
    assertThat(audit.all()).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("login.failure");
      assertThat(e.details()).containsEntry("reason", "email-taken");
    });
  }

  @Test
  void anUnverifiedEmailNeverMatchesNorCreates() {
    TestUsers.User victim = users.user();
    OidcBrowser attacker = new OidcBrowser(api);
    nextToken("corp", "mallory-" + UUID.randomUUID(), Map.of("email", victim.email(), "email_verified", false));
    assertThat(attacker.signIn("corp").statusCode()).isEqualTo(403);
    assertSignedOut(attacker);
    String fresh = newEmail("corp.example");
    nextToken("corp", "eve-" + UUID.randomUUID(), Map.of("email", fresh, "email_verified", false));
    assertThat(attacker.signIn("corp").statusCode()).isEqualTo(403);
    assertSignedOut(attacker);
    assertThat(accounts.findByEmail(fresh)).isEmpty();
  }

  @Test
  void accountsAreMadeOnlyInTheAllowedDomainsAndOnlyWhereCreateUsersIsOn() {
    OidcBrowser browser = new OidcBrowser(api);
    String outsider = newEmail("elsewhere.example");
    nextToken("corp", "o-" + UUID.randomUUID(), verified(outsider));
    assertThat(browser.signIn("corp").statusCode()).isEqualTo(403);
    assertThat(accounts.findByEmail(outsider)).isEmpty();
    String unknown = newEmail("corp.example");
    nextToken("staff", "s-" + UUID.randomUUID(), verified(unknown));
    HttpResponse<String> refused = browser.signIn("staff");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("No account here is linked");
    assertThat(accounts.findByEmail(unknown)).isEmpty();
    assertSignedOut(browser);
  }

  @Test
  void aSignedInUserLinksAnIdentityInSudoModeThenSignsInWithItAndUnlinksIt() {
    TestUsers.User user = users.user();
    PageSession page = PageSession.loggedIn(api, user.email(), TestUsers.PASSWORD);
    String csrf = PageSession.csrfField(page.get("/account/security").body());
    HttpResponse<String> withoutSudo = page.postForm("/account/security/sso/staff/link", Map.of(), csrf);
    assertThat(withoutSudo.headers().firstValue("Location").orElseThrow()).contains("/account/sudo?");
    HttpResponse<String> sudo = page.postForm("/account/sudo", Map.of("password", TestUsers.PASSWORD,
        "next", "/account/security"), PageSession.csrfField(page.get("/account/sudo").body()));
    assertThat(sudo.statusCode()).isEqualTo(302);
    csrf = PageSession.csrfField(page.get("/account/security").body());
    HttpResponse<String> start = page.postForm("/account/security/sso/staff/link", Map.of(), csrf);
    assertThat(start.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/staff");

    // The browser goes on to the provider with the page session's cookies.
    OidcBrowser browser = new OidcBrowser(api);
    browser.session.setCookie("__Host-session", page.cookie("__Host-session"));
    String subject = "linked-" + UUID.randomUUID();
    nextToken("staff", subject, Map.of("email", "someone-else@elsewhere.example", "email_verified", false));
    HttpResponse<String> linked = browser.signIn("staff");
    assertThat(linked.headers().firstValue("Location").orElseThrow()).endsWith("/account/security?sso-linked");
    assertThat(signedInAs(browser)).isEqualTo(user.email());
    assertThat(audit.actionsFor(user.id())).contains("sso.link");

    OidcBrowser later = new OidcBrowser(api);
    nextToken("staff", subject, Map.of());
    assertThat(later.signIn("staff").statusCode()).isEqualTo(302);
    assertThat(signedInAs(later)).isEqualTo(user.email());

    long identity = jdbc.sql("select id from sso_identities where subject = :s").param("s", subject)
        .query(Long.class).single();
    HttpResponse<String> account = browser.get("/account/security");
    assertThat(account.body()).contains("Unlink");
    HttpResponse<String> unlink = browser.session.submit("/account/security/sso/identities/" + identity + "/unlink",
        Map.of());
    // The resumed session keeps its login time but not sudo mode: confirm again first.
    assertThat(unlink.headers().firstValue("Location").orElseThrow()).contains("/account/sudo?");
    browser.session.submit("/account/sudo", Map.of("password", TestUsers.PASSWORD, "next", "/account/security"));
    unlink = browser.session.submit("/account/security/sso/identities/" + identity + "/unlink", Map.of());
    assertThat(unlink.headers().firstValue("Location").orElseThrow()).endsWith("/account/security?sso-unlinked");
    assertThat(audit.actionsFor(user.id())).contains("sso.unlink");

    OidcBrowser afterUnlink = new OidcBrowser(api);
    nextToken("staff", subject, Map.of());
    assertThat(afterUnlink.signIn("staff").statusCode()).isEqualTo(403);
    assertSignedOut(afterUnlink);
  }

  @Test
  void aTamperedStateIsRefused() {
    // No token is enqueued: the code is never exchanged.
    OidcBrowser browser = new OidcBrowser(api);
    URI callback = browser.authorize(browser.start("corp"));
    HttpResponse<String> back = browser.callback(OidcBrowser.withQuery(callback, "state", "forged-state"));
    assertThat(back.statusCode()).isEqualTo(401);
    assertSignedOut(browser);
  }

  @Test
  void aCallbackReplayedOrForgedElsewhereIsRefused() {
    OidcBrowser victim = new OidcBrowser(api);
    String email = newEmail("corp.example");
    nextToken("corp", "r-" + UUID.randomUUID(), verified(email));
    URI callback = victim.authorize(victim.start("corp"));
    assertThat(victim.callback(callback).statusCode()).isEqualTo(302);
    OidcBrowser thief = new OidcBrowser(api);
    assertThat(thief.callback(callback).statusCode()).isEqualTo(401);
    assertSignedOut(thief);
    OidcBrowser forger = new OidcBrowser(api);
    forger.get("/login");
    HttpResponse<String> forged = forger.get("/login/oauth2/code/corp?code=made-up&state=made-up");
    assertThat(forged.statusCode()).isEqualTo(401);
    assertSignedOut(forger);
  }

  @Test
  void aValidCallbackUsedASecondTimeIsRefusedAndSignsTheBrowserOut() {
    OidcBrowser browser = new OidcBrowser(api);
    String email = newEmail("corp.example");
    nextToken("corp", "twice-" + UUID.randomUUID(), verified(email));
    URI callback = browser.authorize(browser.start("corp"));
    assertThat(browser.callback(callback).statusCode()).isEqualTo(302);
    assertThat(signedInAs(browser)).isEqualTo(email);
    long id = accounts.findByEmail(email).orElseThrow().id();

    // The same code and state a second time, from the browser that used them.
    HttpResponse<String> replayed = browser.callback(callback);
    assertThat(replayed.statusCode()).isEqualTo(401);
    assertThat(replayed.body()).contains("The sign-in could not be completed").doesNotContain(email);
    assertSignedOut(browser);
    assertThat(audit.forUser(id)).filteredOn(e -> e.action().equals("login.success")).hasSize(1);
    assertThat(audit.all()).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("login.failure");
      assertThat(e.details()).containsEntry("reason", "authorization_request_not_found");
    });
  }

  @Test
  void aStolenCodeInjectedIntoTheThiefsOwnSignInIsRefusedByPkce() {
    // The victim's callback is intercepted before their browser uses it. No token is enqueued:
    // the provider must refuse the exchange itself (the thief's verifier is not the victim's).
    OidcBrowser victim = new OidcBrowser(api);
    URI stolen = victim.authorize(victim.start("corp"));
    OidcBrowser thief = new OidcBrowser(api);
    URI own = thief.authorize(thief.start("corp"));
    URI injected = OidcBrowser.withQuery(own, "code", OidcBrowser.query(stolen, "code"));

    HttpResponse<String> refused = thief.callback(injected);
    assertThat(refused.statusCode()).isEqualTo(401);
    assertSignedOut(thief);
    assertThat(audit.all()).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("login.failure");
      assertThat(e.details()).containsEntry("reason", "invalid_grant");
    });
    // The provider redeemed nothing: the code is spent, so the victim starts again.
    assertThat(victim.callback(stolen).statusCode()).isEqualTo(401);
    assertSignedOut(victim);
  }

  @Test
  void anIdTokenWithAnotherNonceIsRefused() {
    OidcBrowser browser = new OidcBrowser(api);
    Map<String, Object> claims = new java.util.HashMap<>(verified(newEmail("corp.example")));
    claims.put("nonce", "a-nonce-from-another-sign-in");
    nextToken("corp", "n-" + UUID.randomUUID(), claims);
    assertThat(browser.signIn("corp").statusCode()).isEqualTo(401);
    assertSignedOut(browser);
    assertThat(audit.all()).anySatisfy(e -> assertThat(e.details()).containsEntry("reason", "invalid_nonce"));
  }

  @Test
  void anIdTokenFromAnotherIssuerIsRefused() {
    OidcBrowser browser = new OidcBrowser(api);
    Map<String, Object> claims = new java.util.HashMap<>(verified(newEmail("corp.example")));
    claims.put("iss", PROVIDER.issuerUrl("staff").toString());
    nextToken("corp", "i-" + UUID.randomUUID(), claims);
    assertThat(browser.signIn("corp").statusCode()).isEqualTo(401);
    assertSignedOut(browser);
  }

  @Test
  void anExpiredIdTokenIsRefused() {
    OidcBrowser browser = new OidcBrowser(api);
    String email = newEmail("corp.example");
    nextToken("corp", "e-" + UUID.randomUUID(), verified(email), -600);
    assertThat(browser.signIn("corp").statusCode()).isEqualTo(401);
    assertSignedOut(browser);
    assertThat(accounts.findByEmail(email)).isEmpty();
  }

  @Test
  void superuserRightsFollowTheClaimAtEachLogin() {
    String subject = "admin-" + UUID.randomUUID();
    String email = newEmail("corp.example");
    Map<String, Object> admin = new java.util.HashMap<>(verified(email));
    admin.put("groups", List.of("staff", "strongroom-admins"));
    admin.put("amr", List.of("pwd", "mfa"));
    OidcBrowser first = new OidcBrowser(api);
    nextToken("corp", subject, admin);
    assertThat(first.signIn("corp").statusCode()).isEqualTo(302);
    long id = accounts.findByEmail(email).orElseThrow().id();
    assertThat(accounts.findById(id).orElseThrow().superuser()).isTrue();
    // The provider proved a second factor and the operator trusts it: no enrolment detour.
    assertThat(first.get("/api/me").statusCode()).isEqualTo(200);

    Map<String, Object> demoted = new java.util.HashMap<>(verified(email));
    demoted.put("groups", List.of("staff"));
    OidcBrowser second = new OidcBrowser(api);
    nextToken("corp", subject, demoted);
    assertThat(second.signIn("corp").statusCode()).isEqualTo(302);
    assertThat(accounts.findById(id).orElseThrow().superuser()).isFalse();
    assertThat(audit.all()).anySatisfy(e -> assertThat(e.action()).isEqualTo("user.superuser-removed"));
    // The earlier superuser session ends with the role change.
    assertSignedOut(first);
  }

  @Test
  void anSsoSuperuserStillNeedsStrongroomsSecondFactor() {
    String subject = "admin-" + UUID.randomUUID();
    String email = newEmail("corp.example");
    Map<String, Object> admin = new java.util.HashMap<>(verified(email));
    admin.put("groups", "strongroom-admins");
    OidcBrowser browser = new OidcBrowser(api);
    nextToken("corp", subject, admin);
    assertThat(browser.signIn("corp").statusCode()).isEqualTo(302);
    HttpResponse<String> page = browser.get("/records/");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/account/security?mfa-required");
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(403);

    // With TOTP enrolled, the provider's sign-in only leads to the TOTP step.
    long id = accounts.findByEmail(email).orElseThrow().id();
    jdbc.sql("update users set totp_seed = 'sealed-seed-stand-in' where id = :id").param("id", id).update();
    OidcBrowser again = new OidcBrowser(api);
    nextToken("corp", subject, admin);
    HttpResponse<String> back = again.signIn("corp");
    assertThat(back.headers().firstValue("Location").orElseThrow()).endsWith("/login/mfa");
    assertSignedOut(again);
  }

  /** What a superuser without a second factor may still reach: the enrolment pages only. */
  private void assertConfinedToEnrolment(OidcBrowser browser) {
    HttpResponse<String> me = browser.get("/api/me");
    assertThat(me.statusCode()).isEqualTo(403);
    assertThat(ApiClient.json(me).get("message").asString())
        .isEqualTo("Superusers must turn on two-factor authentication at /account/security");
    for (String path : List.of("/records/", "/admin/users", "/admin/")) {
      HttpResponse<String> page = browser.get(path);
      assertThat(page.statusCode()).as(path).isEqualTo(302);
      assertThat(page.headers().firstValue("Location").orElseThrow()).as(path)
          .endsWith("/account/security?mfa-required");
    }
  }

  /** A sudo confirmation by a new sign-in at the provider (its login form), with these extra claims. */
  private HttpResponse<String> sudoAtProvider(OidcBrowser browser, String provider, String subject, String amr) {
    String next = "/account/security/passkeys";
    assertThat(browser.get("/account/sudo?next=" + next).statusCode()).isEqualTo(200);
    HttpResponse<String> start = browser.session.submit("/account/sudo/sso/" + provider, Map.of("next", next));
    assertThat(start.headers().firstValue("Location").orElseThrow()).endsWith("/oauth2/authorization/" + provider);
    String claims = "{\"auth_time\": " + java.time.Instant.now().getEpochSecond() + amr + "}";
    HttpResponse<String> back = browser.callback(browser.authorizeWithLogin(browser.start(provider), subject, claims));
    assertThat(back.headers().firstValue("Location").orElseThrow()).isEqualTo(api.baseUrl() + next);
    return back;
  }

  /**
   * Under require-mfa-for-superusers, a superuser who signed in through a provider without a
   * second factor it proves (and the operator trusts) may confirm sudo mode by a new sign-in at
   * the provider, which the enrolment of a passkey needs, but that confirms who they are, not a
   * second factor: everything but enrolment stays closed, even when the sudo sign-in claims MFA.
   * Only a sign-in whose amr proves MFA at a provider with trust-provider-mfa opens the rest.
   */
  @Test
  void aSuperuserWithoutASecondFactorStaysConfinedAfterConfirmingSudoModeAtTheProvider() {
    String subject = "admin-" + UUID.randomUUID();
    String email = newEmail("corp.example");
    Map<String, Object> admin = new java.util.HashMap<>(verified(email));
    admin.put("groups", "strongroom-admins");
    OidcBrowser browser = new OidcBrowser(api);
    nextToken("corp", subject, admin);
    assertThat(browser.signIn("corp").statusCode()).isEqualTo(302);
    long id = accounts.findByEmail(email).orElseThrow().id();
    assertThat(accounts.findById(id).orElseThrow().superuser()).isTrue();
    assertConfinedToEnrolment(browser);
    assertThat(browser.get("/account/security/passkeys").body()).doesNotContain("id=\"passkey-register\"");

    sudoAtProvider(browser, "corp", subject, "");
    assertThat(browser.get("/account/security/passkeys").body()).contains("id=\"passkey-register\"");
    assertConfinedToEnrolment(browser);
    assertThat(audit.forUser(id)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("sudo.confirm");
      assertThat(e.details()).containsEntry("method", "oidc:corp");
    });

    // The sudo sign-in claiming MFA changes nothing: the second factor is the sign-in's.
    sudoAtProvider(browser, "corp", subject, ", \"amr\": [\"pwd\", \"mfa\"]");
    assertConfinedToEnrolment(browser);

    // A new sign-in that proves MFA at the trusted provider opens the rest.
    Map<String, Object> withMfa = new java.util.HashMap<>(admin);
    withMfa.put("amr", List.of("pwd", "mfa"));
    OidcBrowser proven = new OidcBrowser(api);
    nextToken("corp", subject, withMfa);
    assertThat(proven.signIn("corp").statusCode()).isEqualTo(302);
    assertThat(proven.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(audit.forUser(id)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("login.success");
      assertThat(e.details()).containsEntry("method", "oidc:corp+provider-mfa");
    });
  }

  @Test
  void theSameProofOfMfaAtAProviderNotTrustedForItOpensNothing() {
    String subject = "admin-" + UUID.randomUUID();
    String email = newEmail("corp.example");
    Map<String, Object> admin = new java.util.HashMap<>(verified(email));
    admin.put("groups", "strongroom-admins");
    admin.put("amr", List.of("pwd", "mfa"));
    OidcBrowser browser = new OidcBrowser(api);
    nextToken("untrusted", subject, admin);
    assertThat(browser.signIn("untrusted").statusCode()).isEqualTo(302);
    assertThat(accounts.findByEmail(email).orElseThrow().superuser()).isTrue();
    assertConfinedToEnrolment(browser);
    sudoAtProvider(browser, "untrusted", subject, ", \"amr\": [\"pwd\", \"mfa\"]");
    assertConfinedToEnrolment(browser);
  }

  @Test
  void anUnreachableProviderIsShownUnavailableAndStartsNothing() {
    OidcBrowser browser = new OidcBrowser(api);
    HttpResponse<String> login = browser.get("/login");
    assertThat(login.body()).contains("Down Login (unavailable)").contains("Mixup Login (unavailable)")
        .contains("/oauth2/authorization/corp").doesNotContain("/oauth2/authorization/mixup");
    HttpResponse<String> start = browser.get("/oauth2/authorization/down");
    assertThat(start.statusCode()).isEqualTo(302);
    assertThat(start.headers().firstValue("Location").orElseThrow()).endsWith("/login");
  }

  @Test
  void logoutEndsTheSessionThenGoesToTheProvidersLogout() {
    OidcBrowser browser = new OidcBrowser(api);
    nextToken("corp", "l-" + UUID.randomUUID(), verified(newEmail("corp.example")));
    assertThat(browser.signIn("corp").statusCode()).isEqualTo(302);
    HttpResponse<String> logout = browser.session.submit("/logout", Map.of());
    assertThat(logout.statusCode()).isEqualTo(200);
    assertThat(logout.body()).contains("http-equiv=\"refresh\"")
        .contains(PROVIDER.endSessionEndpointUrl("corp").toString())
        .contains("post_logout_redirect_uri=" + java.net.URLEncoder.encode(api.baseUrl() + "/login?logout",
            java.nio.charset.StandardCharsets.UTF_8).replace("%3A", ":").replace("%2F", "/").replace("%3F", "?")
            .replace("%3D", "="))
        .doesNotContain("id_token_hint");
    assertThat(logout.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain("unsafe-inline");
    assertSignedOut(browser);
  }

  @Test
  void everyAuditEntryNamesNoToken() {
    OidcBrowser browser = new OidcBrowser(api);
    nextToken("corp", "t-" + UUID.randomUUID(), verified(newEmail("corp.example")));
    assertThat(browser.signIn("corp").statusCode()).isEqualTo(302);
    assertThat(audit.all()).extracting(AuditEvent::details).allSatisfy(details ->
        assertThat(details.toString()).doesNotContain("eyJ"));
  }
}
