package org.strongroom.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.HashMap;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.strongroom.passkeys.PasskeyStandIns;
import org.strongroom.support.SessionClient;

/**
 * Sudo mode for accounts a provider or a directory made, which have no password: a new
 * sign-in at a linked provider ({@code prompt=login}, {@code max_age=0}, and an
 * {@code auth_time} from after the request), or the linked directory entry's password. Each
 * way is attacked: a remembered sign-in, an identity of another account, a provider the user
 * has not linked, another directory user's password; none confirms anything, none signs
 * anyone else in.
 */
class SsoSudoIntegrationTests extends SsoAccountsIntegrationBase {

  static final String NEXT = "/account/security";
  /** Any action that needs sudo mode: starting to link a provider (it answers where it sends the browser). */
  static final String NEEDS_SUDO = "/account/security/sso/acme/link";

  @Autowired ApplicationContext context;

  /** A new account made by the provider's first sign-in, signed in in the returned browser. */
  OidcBrowser providerAccount(String subject, String email) {
    OidcBrowser browser = new OidcBrowser(api);
    OidcLoginIntegrationTests.nextToken("acme", subject, verified(email));
    assertThat(location(browser.signIn("acme"))).isEqualTo(api.baseUrl() + "/");
    assertThat(signedInAs(browser.session)).isEqualTo(email);
    return browser;
  }

  /** A provider-made account, signed in in {@link #browser}. */
  record ProviderAccount(String subject, String email, long id, OidcBrowser browser) {}

  /** A new account made by the provider's first sign-in of a new subject named after {@code prefix}. */
  ProviderAccount newProviderAccount(String prefix) {
    String subject = newSubject(prefix);
    String email = newEmail();
    OidcBrowser browser = providerAccount(subject, email);
    return new ProviderAccount(subject, email, accounts.findByEmail(email).orElseThrow().id(), browser);
  }

  static Map<String, Object> verified(String email) {
    return Map.of("email", email, "email_verified", true);
  }

  /** The claims the provider's login form adds: the time the person has just authenticated. */
  static String authenticatedAt(java.time.Instant when) {
    return "{\"auth_time\": " + when.getEpochSecond() + "}";
  }

  boolean inSudo(SessionClient session) {
    HttpResponse<String> response = session.submit(NEEDS_SUDO, Map.of());
    return !location(response).contains("/account/sudo");
  }

  /** Starts the confirmation from the sudo page; the provider's authorization URL it leads to. */
  URI startSudo(OidcBrowser browser) {
    HttpResponse<String> page = browser.get("/account/sudo?next=" + NEXT);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("Sign in again with Acme Login").contains("/account/sudo/sso/acme")
        .doesNotContain("name=\"password\"");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain("unsafe-inline");
    HttpResponse<String> start = browser.session.submit("/account/sudo/sso/acme", Map.of("next", NEXT));
    assertThat(location(start)).endsWith("/oauth2/authorization/acme");
    return browser.start("acme");
  }

  @Test
  void anAccountWithoutAPasswordConfirmsSudoModeBySigningInAgainAtItsProvider() {
    ProviderAccount account = newProviderAccount("sudo");
    OidcBrowser browser = account.browser();
    assertThat(inSudo(browser.session)).isFalse();

    URI authorization = startSudo(browser);
    assertThat(OidcBrowser.query(authorization, "prompt")).isEqualTo("login");
    assertThat(OidcBrowser.query(authorization, "max_age")).isEqualTo("0");
    assertThat(OidcBrowser.query(authorization, "code_challenge_method")).isEqualTo("S256");
    assertThat(OidcBrowser.query(authorization, "nonce")).isNotBlank();
    HttpResponse<String> back = browser.callback(browser.authorizeWithLogin(authorization, account.subject(),
        authenticatedAt(clock.instant())));
    assertThat(location(back)).isEqualTo(api.baseUrl() + NEXT);
    assertThat(signedInAs(browser.session)).isEqualTo(account.email());
    assertThat(inSudo(browser.session)).isTrue();
    assertThat(audit.forUser(account.id())).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("sudo.confirm");
      assertThat(e.outcome()).isEqualTo("success");
      assertThat(e.details()).containsEntry("method", "oidc:acme");
    });
  }

  @Test
  void aRememberedSignInAtTheProviderDoesNotConfirmSudoMode() {
    ProviderAccount account = newProviderAccount("stale");
    OidcBrowser browser = account.browser();

    // The provider answers with a sign-in from ten minutes ago (as one that ignores prompt=login would).
    URI authorization = startSudo(browser);
    HttpResponse<String> stale = browser.callback(browser.authorizeWithLogin(authorization, account.subject(),
        authenticatedAt(clock.instant().minus(Duration.ofMinutes(10)))));
    assertThat(location(stale)).contains("/account/sudo?sso-failed");
    assertThat(signedInAs(browser.session)).isEqualTo(account.email());
    assertThat(inSudo(browser.session)).isFalse();

    // Or with no auth_time at all.
    authorization = startSudo(browser);
    assertThat(location(browser.callback(browser.authorizeWithLogin(authorization, account.subject(), "{}"))))
        .contains("/account/sudo?sso-failed");
    assertThat(inSudo(browser.session)).isFalse();
    assertThat(audit.forUser(account.id())).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("sudo.confirm");
      assertThat(e.outcome()).isEqualTo("failure");
      assertThat(e.details()).containsEntry("reason", "no-new-authentication");
    });
    assertThat(audit.forUser(account.id())).noneSatisfy(e -> {
      assertThat(e.action()).isEqualTo("sudo.confirm");
      assertThat(e.outcome()).isEqualTo("success");
    });
  }

  @Test
  void anotherAccountsIdentityConfirmsNothingAndSignsNobodyElseIn() {
    String victimSubject = newSubject("victim");
    String victimEmail = newEmail();
    OidcBrowser victim = providerAccount(victimSubject, victimEmail);
    String otherSubject = newSubject("other");
    String otherEmail = newEmail();
    providerAccount(otherSubject, otherEmail);
    long victimId = accounts.findByEmail(victimEmail).orElseThrow().id();

    URI authorization = startSudo(victim);
    HttpResponse<String> back = victim.callback(victim.authorizeWithLogin(authorization, otherSubject,
        authenticatedAt(clock.instant())));
    assertThat(location(back)).contains("/account/sudo?sso-failed");
    assertThat(signedInAs(victim.session)).isEqualTo(victimEmail);
    assertThat(inSudo(victim.session)).isFalse();
    assertThat(audit.forUser(victimId)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("sudo.confirm");
      assertThat(e.details()).containsEntry("reason", "oidc:acme-of-another-account");
    });

    // Nor can a passkey the account does not have.
    assertThat(victim.session.postJsonWithCsrf("/account/sudo/passkey?next=/", "").statusCode()).isEqualTo(404);
    assertThat(victim.session.postJson("/account/sudo/passkey?next=/", "").statusCode()).isEqualTo(403);
    // A provider the user has no identity at cannot be used, and without the CSRF token nothing starts.
    assertThat(victim.session.submit("/account/sudo/sso/nope", Map.of("next", NEXT)).statusCode()).isEqualTo(404);
    HttpResponse<String> forged = victim.session.postForm("/account/sudo/sso/acme", Map.of("next", NEXT));
    assertThat(forged.statusCode()).isEqualTo(403);
    assertThat(inSudo(victim.session)).isFalse();
  }

  @Test
  void theSudoStepsNeedASignedInUser() {
    SessionClient anonymous = new SessionClient(api);
    anonymous.get("/login");
    HttpResponse<String> start = anonymous.submit("/account/sudo/sso/acme", Map.of("next", NEXT));
    assertThat(start.statusCode()).isIn(302, 401, 403);
    assertThat(location(start)).doesNotContain("/oauth2/authorization/");
    HttpResponse<String> directory = anonymous.submit("/account/sudo/directory", Map.of("username", "sue",
        "password", "sudo from the directory 3"));
    assertThat(directory.statusCode()).isIn(302, 401, 403);
    assertThat(signedInAs(anonymous)).isNull();
  }

  @Test
  void aDirectoryAccountConfirmsSudoModeWithItsDirectoryPassword() {
    // An account with no password, linked to sue's entry (as a provider-made account would be).
    String email = newEmail();
    providerAccount(newSubject("sue"), email);
    long id = accounts.findByEmail(email).orElseThrow().id();
    SessionClient admin = inSudo(users.superuser());
    assertThat(location(admin.submit("/admin/users/" + id + "/sso/link", Map.of("provider", "ldap",
        "subject", "uid=sue,ou=people," + BASE_DN)))).endsWith("?linked");
    SessionClient session = new SessionClient(api);
    assertThat(location(directoryLogin(session, "sue", "sudo from the directory 3"))).isEqualTo(api.baseUrl() + "/");
    assertThat(signedInAs(session)).isEqualTo(email);
    assertThat(session.get("/account/sudo?next=" + NEXT).body()).contains("/account/sudo/directory");

    HttpResponse<String> wrong = session.submit("/account/sudo/directory", Map.of("username", "sue",
        "password", "not sue's password", "next", NEXT));
    assertThat(location(wrong)).contains("/account/sudo?directory-error");
    HttpResponse<String> someoneElse = session.submit("/account/sudo/directory", Map.of("username", "otto",
        "password", "another person entirely 4", "next", NEXT));
    assertThat(location(someoneElse)).contains("/account/sudo?directory-error");
    assertThat(signedInAs(session)).isEqualTo(email);
    assertThat(inSudo(session)).isFalse();

    HttpResponse<String> confirmed = session.submit("/account/sudo/directory", Map.of("username", "sue",
        "password", "sudo from the directory 3", "next", NEXT));
    assertThat(location(confirmed)).isEqualTo(api.baseUrl() + NEXT);
    assertThat(inSudo(session)).isTrue();
    assertThat(audit.forUser(id)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("sudo.confirm");
      assertThat(e.details()).containsEntry("method", "ldap");
    });
    assertThat(audit.forUser(id)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("sudo.confirm");
      assertThat(e.details()).containsEntry("reason", "ldap-of-another-account");
    });
  }

  /**
   * An account a provider made, signed in once at the provider and once through its linked
   * directory entry, makes a personal access token on the applications page as any account
   * does; each token acts as that account, with no session.
   */
  @Test
  void personalAccessTokensWorkTheSameForAccountsSignedInByAProviderOrADirectory() {
    ProviderAccount account = newProviderAccount("pat");
    String fromProvider = newTokenFromThePage(account.browser().session, "made after a provider sign-in");
    SessionClient admin = inSudo(users.superuser());
    assertThat(location(admin.submit("/admin/users/" + account.id() + "/sso/link", Map.of("provider", "ldap",
        "subject", "uid=tobias,ou=people," + BASE_DN)))).endsWith("?linked");
    SessionClient directory = new SessionClient(api);
    assertThat(location(directoryLogin(directory, "tobias", "tokens for scripts 6"))).isEqualTo(api.baseUrl() + "/");
    String fromDirectory = newTokenFromThePage(directory, "made after a directory sign-in");

    for (String token : java.util.List.of(fromProvider, fromDirectory)) {
      HttpResponse<String> me = api.get("/api/me", "Authorization", "Bearer " + token);
      assertThat(me.statusCode()).isEqualTo(200);
      assertThat(org.strongroom.support.ApiClient.json(me).get("email").asString()).isEqualTo(account.email());
      assertThat(me.headers().allValues("Set-Cookie")).isEmpty();
    }
  }

  private static String newTokenFromThePage(SessionClient session, String name) {
    HttpResponse<String> page = session.submit("/account/settings/applications",
        Map.of("name", name, "scopes", "user:read", "expires", "30d"));
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    java.util.regex.Matcher shown = java.util.regex.Pattern
        .compile("id=\"new-token\"[^>]*value=\"(sr_[0-9A-Za-z]+)\"").matcher(page.body());
    assertThat(shown.find()).as("the new token is shown once").isTrue();
    return shown.group(1);
  }

  @Test
  void aProviderSignInOfASuperuserWithAPasskeyWaitsForThePasskey() {
    String subject = newSubject("admin-with-passkey");
    String email = newEmail();
    Map<String, Object> admin = new HashMap<>(verified(email));
    admin.put("groups", "strongroom-admins");
    OidcBrowser first = new OidcBrowser(api);
    OidcLoginIntegrationTests.nextToken("acme", subject, admin);
    assertThat(first.signIn("acme").statusCode()).isEqualTo(302);
    long id = accounts.findByEmail(email).orElseThrow().id();
    assertThat(accounts.findById(id).orElseThrow().superuser()).isTrue();
    PasskeyStandIns.add(context, email);

    OidcBrowser again = new OidcBrowser(api);
    OidcLoginIntegrationTests.nextToken("acme", subject, admin);
    HttpResponse<String> back = again.signIn("acme");
    assertThat(location(back)).endsWith("/login/mfa");
    assertThat(signedInAs(again.session)).isNull();
    assertThat(again.get("/login/mfa").body()).contains("passkey-sign-in");
  }

  static final String DISABLE_TOTP = "/account/security/totp/disable";
  static final java.util.regex.Pattern SEED = java.util.regex.Pattern.compile("<code class=\"seed\">([A-Z2-7]+)</code>");

  /** Turns TOTP on from the account security page; the seed. */
  String enrolTotp(SessionClient session, long step) throws Exception {
    session.submit("/account/security/totp/start", Map.of());
    java.util.regex.Matcher seed = SEED.matcher(session.get("/account/security").body());
    assertThat(seed.find()).isTrue();
    HttpResponse<String> confirmed = session.submit("/account/security/totp/confirm",
        Map.of("code", new dev.samstevens.totp.code.DefaultCodeGenerator().generate(seed.group(1), step)));
    assertThat(confirmed.statusCode()).isEqualTo(200);
    assertThat(totpOn(session)).isTrue();
    return seed.group(1);
  }

  boolean totpOn(SessionClient session) {
    String email = signedInAs(session);
    return jdbc.sql("select count(*) from users where email = :e and totp_seed is not null").param("e", email)
        .query(Long.class).single() == 1;
  }

  /**
   * An account a provider made has no password to type where turning TOTP off asks for one: it
   * confirms sudo mode instead (here by a new sign-in at its provider, with its TOTP code, as
   * sudo asks). Without sudo mode, with a made-up password, without the CSRF token or after a
   * sudo step with a wrong code, TOTP stays on.
   */
  @Test
  void anAccountWithoutAPasswordTurnsTotpOffInSudoModeOnly() throws Exception {
    ProviderAccount account = newProviderAccount("totp-off");
    OidcBrowser browser = account.browser();
    long step = clock.instant().getEpochSecond() / 30;
    String seed = enrolTotp(browser.session, step);
    var codes = new dev.samstevens.totp.code.DefaultCodeGenerator();

    HttpResponse<String> page = browser.get("/account/security");
    assertThat(page.body()).doesNotContain("id=\"disable_password\"").contains("id=\"totp-disable-sudo\"")
        .contains("/account/sudo?next=/account/security");

    for (Map<String, String> form : java.util.List.of(Map.<String, String>of(),
        Map.of("current_password", "a guess at a password it never had"))) {
      HttpResponse<String> refused = browser.session.submit(DISABLE_TOTP, form);
      assertThat(refused.statusCode()).isEqualTo(403);
      assertThat(refused.body()).contains("This account has no password: confirm your identity (sudo mode) first");
      assertThat(totpOn(browser.session)).isTrue();
    }
    assertThat(browser.session.postForm(DISABLE_TOTP, Map.of()).statusCode()).isEqualTo(403);
    assertThat(totpOn(browser.session)).isTrue();

    // A sudo step at the provider with a wrong code does not even reach the provider.
    HttpResponse<String> wrongCode = browser.session.submit("/account/sudo/sso/acme", Map.of("next", NEXT,
        "code", codes.generate(seed, step - 20)));
    assertThat(location(wrongCode)).contains("/account/sudo?code-error");
    assertThat(browser.session.submit(DISABLE_TOTP, Map.of()).statusCode()).isEqualTo(403);
    assertThat(totpOn(browser.session)).isTrue();

    HttpResponse<String> start = browser.session.submit("/account/sudo/sso/acme", Map.of("next", NEXT,
        "code", codes.generate(seed, step + 1)));
    assertThat(location(start)).endsWith("/oauth2/authorization/acme");
    HttpResponse<String> back = browser.callback(browser.authorizeWithLogin(browser.start("acme"),
        account.subject(), authenticatedAt(clock.instant())));
    assertThat(location(back)).isEqualTo(api.baseUrl() + NEXT);
    assertThat(browser.get("/account/security").body()).doesNotContain("id=\"totp-disable-sudo\"")
        .contains("Turn off two-factor authentication");

    HttpResponse<String> disabled = browser.session.submit(DISABLE_TOTP, Map.of());
    assertThat(location(disabled)).endsWith("/account/security?totp-disabled");
    assertThat(totpOn(browser.session)).isFalse();
    assertThat(audit.forUser(account.id())).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("mfa.disable");
      assertThat(e.outcome()).isEqualTo("success");
      assertThat(e.details()).containsEntry("confirmed", "sudo");
    });
    assertThat(audit.forUser(account.id())).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("mfa.disable");
      assertThat(e.outcome()).isEqualTo("failure");
      assertThat(e.details()).containsEntry("reason", "no-sudo");
    });
  }

  static final String CHANGE_PASSWORD = "/account/security/password";

  /** What a password change could alter of a user's row (the hash, its date, the sessions, a reset asked for). */
  Map<String, Object> passwordState(long id) {
    return jdbc.sql("select password_hash, password_changed, session_epoch, password_reset_required from users"
        + " where id = :id").param("id", id).query().singleRow();
  }

  /**
   * An account a provider made has no password: the security page says why and shows no form
   * to change one, and a change posted all the same (a made-up current password, or none, even
   * in sudo mode) is refused with 403 and writes nothing: no password, no ended session, no
   * failed sign-in counted against the account; the refusal is audited. The password it tried
   * to set then signs nobody in.
   */
  @Test
  void anAccountWithoutAPasswordIsToldWhyAndAPasswordChangePostedAnywayIsRefused() {
    ProviderAccount account = newProviderAccount("no-password");
    OidcBrowser browser = account.browser();
    HttpResponse<String> page = browser.get("/account/security");
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("This account has no Strongroom password").doesNotContain(CHANGE_PASSWORD)
        .doesNotContain("id=\"new_password\"");
    Map<String, Object> before = passwordState(account.id());
    assertThat(before.get("password_hash")).isNull();

    String chosen = "a brand new password of its own 7";
    Map<String, String> change = Map.of("new_password", chosen, "confirm_password", chosen);
    Map<String, String> withAGuess = new HashMap<>(change);
    withAGuess.put("current_password", "a guess at a password it never had");
    for (boolean sudo : new boolean[] {false, true}) {
      if (sudo) {
        // Sudo mode (a new sign-in at the provider) opens nothing more.
        assertThat(location(browser.callback(browser.authorizeWithLogin(startSudo(browser), account.subject(),
            authenticatedAt(clock.instant()))))).isEqualTo(api.baseUrl() + NEXT);
        assertThat(inSudo(browser.session)).isTrue();
      }
      for (Map<String, String> form : java.util.List.of(change, withAGuess)) {
        HttpResponse<String> refused = browser.session.submit(CHANGE_PASSWORD, form);
        assertThat(refused.statusCode()).isEqualTo(403);
        assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
        assertThat(refused.body()).contains("This account has no password to change")
            .doesNotContain("id=\"new_password\"").doesNotContain(chosen);
        assertThat(passwordState(account.id())).isEqualTo(before);
        assertThat(signedInAs(browser.session)).isEqualTo(account.email());
      }
    }
    assertThat(audit.forUser(account.id())).filteredOn(e -> e.action().equals("password.change"))
        .isNotEmpty().allSatisfy(e -> {
          assertThat(e.outcome()).isEqualTo("failure");
          assertThat(e.details()).containsEntry("reason", "no-password");
        });
    assertThat(audit.actionsFor(account.id())).doesNotContain("login.failure", "login.lockout");
    SessionClient someone = new SessionClient(api);
    assertThat(location(someone.login(account.email(), chosen))).contains("error");
    assertThat(signedInAs(someone)).isNull();
  }

  @Test
  void everySignInLinkAndAccountMadeByAProviderOrDirectoryIsAudited() {
    String email = newEmail();
    providerAccount(newSubject("audited"), email);
    long id = accounts.findByEmail(email).orElseThrow().id();
    assertThat(audit.all()).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("user.create");
      assertThat(e.target()).isEqualTo("user:" + id);
      assertThat(e.details()).containsEntry("via", "oidc:acme");
    });
    assertThat(audit.forUser(id)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("sso.link");
      assertThat(e.details()).containsEntry("provider", "acme").containsEntry("reason", "created");
    });
    assertThat(audit.forUser(id)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("login.success");
      assertThat(e.details()).containsEntry("method", "oidc:acme");
    });

    // A directory user with no link (create-users is off here): refused and audited, no account made.
    SessionClient browser = new SessionClient(api);
    assertThat(directoryLogin(browser, "nina", "never linked anywhere 5").statusCode()).isEqualTo(403);
    assertThat(audit.all()).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("login.failure");
      assertThat(e.target()).isEqualTo("ldap:nina");
      assertThat(e.details()).containsEntry("reason", "not-linked").containsEntry("method", "ldap");
    });
    assertThat(accounts.findByEmail("nina@directory.example")).isEmpty();
  }
}
