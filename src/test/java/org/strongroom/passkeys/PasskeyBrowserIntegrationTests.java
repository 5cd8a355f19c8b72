package org.strongroom.passkeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.support.ApiClient;
import org.strongroom.support.BrowserChecks;
import org.strongroom.support.BrowserNavigation;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.MutableClock;
import org.strongroom.support.RecordedAuditEvents;
import org.strongroom.support.RequiresChromium;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestUsers;

/**
 * Passkeys in a real browser with Chromium's virtual authenticator: registered from the
 * account page in sudo mode, then used to sign in without a password, as the second factor,
 * as a superuser's required second factor, and to confirm sudo mode (for an account without a
 * password, to turn two-factor authentication off); removed; and one of another site refused. The
 * passkeys page listing one passes {@link BrowserChecks}. {@link PasskeyBrowser} sets up the
 * browser and its authenticator.
 */
@RequiresChromium
@IntegrationTest
@Import({MutableClock.Configuration.class, RecordedAuditEvents.class})
@org.springframework.test.context.TestPropertySource(properties = "strongroom.security.require-mfa-for-superusers=true")
class PasskeyBrowserIntegrationTests {

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired MutableClock clock;
  @Autowired RecordedAuditEvents audit;
  @Autowired org.springframework.context.ApplicationContext context;
  @Autowired JdbcClient jdbc;

  @BeforeEach
  void forgetEarlierFailures() {
    clock.advance(Duration.ofDays(2));
  }

  @Test
  void registerThenSignInWithoutAPasswordThenRemove() {
    TestUsers.User user = users.user();
    try (PasskeyBrowser browser = PasskeyBrowser.signedInWithPasskey(api.baseUrl(), user.email(), "work laptop")) {
      WebDriver driver = browser.driver;
      assertThat(browser.authenticator.getCredentials()).hasSize(1);
      assertThat(driver.findElement(By.cssSelector(".passkey-label")).getText()).isEqualTo("work laptop");
      String registeredAt = driver.findElement(By.cssSelector(".passkey-last-used")).getText();
      BrowserChecks.check(driver, "passkeys-registered");
      assertThat(audit.actionsFor(user.id())).contains("passkey.register");

      browser.logOut();
      assertThat(browser.meStatus()).isEqualTo(401L);
      browser.signInWithPasskeyFromTheLoginPage();
      assertThat(browser.meStatus()).isEqualTo(200L);
      assertThat(audit.actionsFor(user.id())).contains("login.success");

      driver.get(api.baseUrl() + PasskeyController.PAGE);
      assertThat(driver.findElement(By.cssSelector(".passkey-last-used")).getText()).isNotEqualTo(registeredAt);
      browser.confirmSudo();
      driver.findElement(By.cssSelector("button.passkey-remove")).click();
      browser.wait.until(ExpectedConditions.urlContains("?removed"));
      assertThat(driver.findElements(By.cssSelector(".passkey-label"))).isEmpty();
      assertThat(audit.actionsFor(user.id())).contains("passkey.remove");
    }
  }

  @Test
  void aPasskeyIsTheSecondFactorAfterAPassword() {
    TestUsers.User user = users.user();
    try (PasskeyBrowser browser = PasskeyBrowser.signedInWithPasskey(api.baseUrl(), user.email(), "phone")) {
      browser.logOut();

      browser.passwordLogin(user.email());
      browser.wait.until(ExpectedConditions.urlToBe(api.baseUrl() + "/login/mfa"));
      assertThat(browser.meStatus()).isEqualTo(401L);
      assertThat(browser.driver.findElements(By.id("code"))).isEmpty();
      browser.signInWithPasskey();
      assertThat(browser.meStatus()).isEqualTo(200L);
      assertThat(audit.forUser(user.id())).anySatisfy(event -> {
        assertThat(event.action()).isEqualTo("login.success");
        assertThat(event.details()).containsEntry("method", "password+passkey");
      });
    }
  }

  @Test
  void aSuperusersPasskeySatisfiesTheSecondFactorRule() {
    TestUsers.User admin = users.superuser();
    try (PasskeyBrowser browser = PasskeyBrowser.open(api.baseUrl())) {
      browser.passwordLogin(admin.email());
      assertThat(browser.meStatus()).isEqualTo(403L);
      browser.confirmSudo();
      browser.addPasskey("security key");
      browser.logOut();

      browser.signInWithPasskeyFromTheLoginPage();
      assertThat(browser.meStatus()).isEqualTo(200L);
    }
  }

  /** Records the body the page posts to {@code /login/webauthn} (kept across the navigation that follows). */
  static final String RECORD_ASSERTION = """
      const original = window.fetch;
      window.fetch = (url, init) => {
        if (url === '/login/webauthn' && init && init.body) {
          sessionStorage.setItem('recorded-assertion', init.body);
        }
        return original(url, init);
      };
      """;

  /** Posts a recorded assertion from the page, after asking for a fresh challenge or not. */
  static final String REPLAY_ASSERTION = """
      const [body, freshChallenge, done] = [arguments[0], arguments[1], arguments[arguments.length - 1]];
      const csrf = document.getElementById('passkey-csrf').value;
      const post = (url, content) => fetch(url, {method: 'POST', credentials: 'same-origin',
          headers: {'Content-Type': 'application/json', 'X-CSRFToken': csrf}, body: content});
      (freshChallenge ? post('/webauthn/authenticate/options') : Promise.resolve())
          .then(() => post('/login/webauthn', body)).then(r => done(r.status)).catch(e => done('error ' + e));
      """;

  @Test
  void aRecordedAssertionReplayedSignsNobodyIn() {
    TestUsers.User user = users.user();
    try (PasskeyBrowser browser = PasskeyBrowser.signedInWithPasskey(api.baseUrl(), user.email(), "recorded")) {
      WebDriver driver = browser.driver;
      JavascriptExecutor js = browser.js;
      browser.logOut();

      driver.get(api.baseUrl() + "/login");
      js.executeScript(RECORD_ASSERTION);
      browser.signInWithPasskey();
      String recorded = (String) js.executeScript("return sessionStorage.getItem('recorded-assertion');");
      assertThat(recorded).contains("\"signature\"").contains("\"clientDataJSON\"");
      assertThat(passkeySignIns(user.id())).isEqualTo(1);
      browser.logOut();

      // The same signed assertion again, from the browser that made it: without a challenge
      // in its new session, then against a fresh one.
      driver.get(api.baseUrl() + "/login");
      assertThat(js.executeAsyncScript(REPLAY_ASSERTION, recorded, false)).isEqualTo(401L);
      assertThat(browser.meStatus()).isEqualTo(401L);
      assertThat(js.executeAsyncScript(REPLAY_ASSERTION, recorded, true)).isEqualTo(401L);
      assertThat(browser.meStatus()).isEqualTo(401L);

      // And from somebody else who captured it, against a challenge of their own.
      SessionClient thief = new SessionClient(api);
      thief.get("/login");
      assertThat(thief.postJsonWithCsrf("/webauthn/authenticate/options", "").statusCode()).isEqualTo(200);
      HttpResponse<String> replayed = thief.postJsonWithCsrf("/login/webauthn", recorded);
      assertThat(replayed.statusCode()).isEqualTo(401);
      assertThat(replayed.body()).contains("\"status\":401").doesNotContain(user.email());
      assertThat(thief.get("/api/me").statusCode()).isEqualTo(401);

      assertThat(passkeySignIns(user.id())).isEqualTo(1);
      assertThat(audit.all()).filteredOn(e -> e.action().equals("login.failure"))
          .anySatisfy(e -> assertThat(e.details()).containsEntry("reason", "passkey"));
    }
  }

  private long passkeySignIns(long userId) {
    return audit.forUser(userId).stream().filter(e -> e.action().equals("login.success"))
        .filter(e -> "passkey".equals(e.details().get("method"))).count();
  }

  @Test
  void aPasskeyConfirmsSudoModeWithoutThePassword() {
    TestUsers.User user = users.user();
    try (PasskeyBrowser browser = PasskeyBrowser.signedInWithPasskey(api.baseUrl(), user.email(), "desk key")) {
      WebDriver driver = browser.driver;
      browser.logOut();
      browser.signInWithPasskeyFromTheLoginPage();

      // Signed in with the passkey alone: not in sudo mode until it confirms again.
      driver.get(api.baseUrl() + PasskeyController.PAGE);
      assertThat(driver.findElements(By.id("passkey-register"))).isEmpty();
      driver.get(api.baseUrl() + "/account/sudo?next=" + PasskeyController.PAGE);
      driver.findElement(By.id("passkey-sudo")).click();
      try {
        browser.wait.until(ExpectedConditions.urlToBe(api.baseUrl() + PasskeyController.PAGE));
      } catch (org.openqa.selenium.TimeoutException e) {
        throw new AssertionError("sudo not confirmed: " + driver.findElement(By.id("passkey-status")).getText(), e);
      }
      assertThat(driver.findElements(By.id("passkey-register"))).hasSize(1);
      assertThat(audit.forUser(user.id())).anySatisfy(event -> {
        assertThat(event.action()).isEqualTo("sudo.confirm");
        assertThat(event.outcome()).isEqualTo("success");
        assertThat(event.details()).containsEntry("method", "passkey");
      });
    }
  }

  /**
   * An account without a password turns two-factor authentication off by confirming sudo mode
   * with its passkey (SsoSudoIntegrationTests has the provider and directory ways): signed in
   * with the passkey alone, it is sent from the security page to the sudo page, confirms there
   * with the passkey, and comes back to the button. Its password is cleared in the database
   * once the passkey is registered (with a password it could not have registered one), as an
   * account a provider or a directory made has none.
   */
  @Test
  void anAccountWithoutAPasswordConfirmsWithItsPasskeyThenTurnsTwoFactorOff() throws Exception {
    TestUsers.User user = users.user();
    try (PasskeyBrowser browser = PasskeyBrowser.signedInWithPasskey(api.baseUrl(), user.email(), "only key")) {
      WebDriver driver = browser.driver;
      driver.get(api.baseUrl() + "/account/security");
      BrowserNavigation.follow(driver, By.xpath("//button[normalize-space()='Set up an authenticator app']"));
      String seed = driver.findElement(By.cssSelector("code.seed")).getText();
      driver.findElement(By.id("code")).sendKeys(new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6)
          .generate(seed, clock.instant().getEpochSecond() / 30));
      BrowserNavigation.follow(driver, By.xpath("//button[normalize-space()='Turn on']"));
      assertThat(totpOn(user.id())).isTrue();
      jdbc.sql("update users set password_hash = null where id = :id").param("id", user.id()).update();
      browser.logOut();

      browser.signInWithPasskeyFromTheLoginPage();
      driver.get(api.baseUrl() + "/account/security");
      assertThat(driver.findElements(By.id("disable_password"))).isEmpty();
      BrowserNavigation.follow(driver, By.id("totp-disable-sudo"));
      assertThat(driver.findElements(By.id("password"))).as("no password to confirm with").isEmpty();
      driver.findElement(By.id("passkey-sudo")).click();
      try {
        browser.wait.until(ExpectedConditions.urlToBe(api.baseUrl() + "/account/security"));
      } catch (org.openqa.selenium.TimeoutException e) {
        throw new AssertionError("sudo not confirmed: " + driver.findElement(By.id("passkey-status")).getText(), e);
      }
      BrowserNavigation.follow(driver, By.xpath("//button[normalize-space()='Turn off two-factor authentication']"));
      assertThat(driver.getCurrentUrl()).endsWith("/account/security?totp-disabled");
      assertThat(totpOn(user.id())).isFalse();
      assertThat(audit.forUser(user.id())).anySatisfy(event -> {
        assertThat(event.action()).isEqualTo("sudo.confirm");
        assertThat(event.details()).containsEntry("method", "passkey");
      }).anySatisfy(event -> {
        assertThat(event.action()).isEqualTo("mfa.disable");
        assertThat(event.outcome()).isEqualTo("success");
        assertThat(event.details()).containsEntry("confirmed", "sudo");
      });
    }
  }

  private boolean totpOn(long userId) {
    return jdbc.sql("select totp_seed is not null from users where id = :id").param("id", userId)
        .query(Boolean.class).single();
  }

  static final String WHO_AM_I = """
      const done = arguments[arguments.length - 1];
      fetch('/api/me', {credentials: 'same-origin'}).then(r => r.json()).then(j => done(j.email))
          .catch(e => done('error ' + e));
      """;

  /**
   * The sudo page's passkey step, done by a client that lets the authenticator answer with any
   * passkey it holds (whatever credentials the server's options list); the status and body of
   * the answer to the assertion.
   */
  static final String SUDO_WITH_ANY_PASSKEY = """
      const [next, done] = [arguments[0], arguments[arguments.length - 1]];
      const csrf = document.getElementById('passkey-csrf').value;
      const encode = (buffer) => btoa(String.fromCharCode(...new Uint8Array(buffer)))
          .replace(/=/g, '').replace(/\\+/g, '-').replace(/\\//g, '_');
      const decode = (text) => Uint8Array.from(atob(text.replace(/-/g, '+').replace(/_/g, '/')), c => c.charCodeAt(0));
      const post = (url, body) => fetch(url, {method: 'POST', credentials: 'same-origin',
          headers: {'Content-Type': 'application/json', 'X-CSRFToken': csrf}, body});
      (async () => {
        const begun = await post('/account/sudo/passkey?next=' + encodeURIComponent(next));
        if (!begun.ok) {
          return 'begin ' + begun.status;
        }
        const options = await (await post('/webauthn/authenticate/options')).json();
        const credential = await navigator.credentials.get({publicKey: {...options,
            challenge: decode(options.challenge), allowCredentials: []}});
        const response = credential.response;
        const answer = await post('/login/webauthn', JSON.stringify({id: credential.id, rawId: encode(credential.rawId),
            response: {authenticatorData: encode(response.authenticatorData),
                clientDataJSON: encode(response.clientDataJSON), signature: encode(response.signature),
                userHandle: response.userHandle ? encode(response.userHandle) : undefined},
            credType: credential.type, clientExtensionResults: credential.getClientExtensionResults(),
            authenticatorAttachment: credential.authenticatorAttachment}));
        return answer.status + ' ' + await answer.text() + ' allowCredentials='
            + JSON.stringify(options.allowCredentials);
      })().then(done, e => done('error ' + e));
      """;

  /**
   * A user whose browser holds another user's passkey (a shared computer, a borrowed security
   * key) cannot confirm their own sudo mode with it: the signed assertion is genuine, but of
   * the other account. The challenge was issued for the signed-in user's own credentials, so
   * the assertion is refused as a failed passkey sign-in (PasskeyLogin's check that the
   * passkey is the asker's stands behind it). 401, the asker still signed in as themselves and
   * out of sudo mode, the other account not signed in, the refusal audited.
   */
  @Test
  void anotherUsersPasskeyDoesNotConfirmSudoMode() {
    TestUsers.User owner = users.user();
    TestUsers.User asker = users.user();
    try (PasskeyBrowser browser = PasskeyBrowser.signedInWithPasskey(api.baseUrl(), owner.email(), "the owner's key")) {
      WebDriver driver = browser.driver;
      VirtualAuthenticator authenticator = browser.authenticator;
      JavascriptExecutor js = browser.js;
      browser.logOut();
      assertThat(authenticator.getCredentials()).hasSize(1);

      // The asker is signed in, and has a passkey of their own (elsewhere: not in this authenticator).
      browser.passwordLogin(asker.email());
      assertThat(js.executeAsyncScript(WHO_AM_I)).isEqualTo(asker.email());
      PasskeyStandIns.add(context, asker.email());
      driver.get(api.baseUrl() + "/account/sudo?next=" + PasskeyController.PAGE);
      long refusedBefore = passkeyFailures();
      String[] answer = js.executeAsyncScript(SUDO_WITH_ANY_PASSKEY, PasskeyController.PAGE).toString()
          .split(" allowCredentials=", 2);
      assertThat(answer[0]).startsWith("401 ").contains("Passkey sign-in failed").doesNotContain(owner.email());
      // The server asked for the asker's own passkeys only; the owner's was not among them.
      String ownersCredential = java.util.Base64.getUrlEncoder().withoutPadding()
          .encodeToString(authenticator.getCredentials().get(0).getId());
      assertThat(answer[1]).startsWith("[{").doesNotContain(ownersCredential);
      assertThat(passkeyFailures()).isEqualTo(refusedBefore + 1);

      assertThat(js.executeAsyncScript(WHO_AM_I)).isEqualTo(asker.email());
      driver.get(api.baseUrl() + PasskeyController.PAGE);
      assertThat(driver.findElements(By.id("passkey-register"))).isEmpty();
      assertThat(audit.forUser(asker.id())).noneSatisfy(event -> {
        assertThat(event.action()).isEqualTo("sudo.confirm");
        assertThat(event.outcome()).isEqualTo("success");
      });
      assertThat(audit.forUser(owner.id())).noneSatisfy(event -> {
        assertThat(event.action()).isEqualTo("login.success");
        assertThat(event.details()).containsEntry("method", "passkey");
      });
    }
  }

  private long passkeyFailures() {
    return audit.all().stream().filter(e -> e.action().equals("login.failure"))
        .filter(e -> "passkey".equals(e.details().get("reason"))).count();
  }

  @Test
  void aCredentialOfAnotherRelyingPartyIsNotAccepted() throws Exception {
    TestUsers.User user = users.user();
    try (PasskeyBrowser browser = PasskeyBrowser.open(api.baseUrl())) {
      WebDriver driver = browser.driver;
      var keys = java.security.KeyPairGenerator.getInstance("EC");
      keys.initialize(new java.security.spec.ECGenParameterSpec("secp256r1"));
      browser.authenticator.addCredential(org.openqa.selenium.virtualauthenticator.Credential.createResidentCredential(
          new byte[] {1, 2, 3, 4}, "elsewhere.example",
          new java.security.spec.PKCS8EncodedKeySpec(keys.generateKeyPair().getPrivate().getEncoded()),
          user.email().getBytes(java.nio.charset.StandardCharsets.UTF_8), 0));

      driver.get(api.baseUrl() + "/login");
      driver.findElement(By.id("passkey-sign-in")).click();
      browser.wait.until(ExpectedConditions.textToBePresentInElementLocated(By.id("passkey-status"),
          "Passkey sign-in failed"));
      // Refused by the authenticator (no credential for this relying party), not by a policy.
      assertThat(driver.findElement(By.id("passkey-status")).getText()).doesNotContain("Permissions Policy");
      assertThat(driver.getCurrentUrl()).isEqualTo(api.baseUrl() + "/login");
      assertThat(browser.meStatus()).isEqualTo(401L);
      assertThat(audit.actionsFor(user.id())).doesNotContain("login.success");
    }
  }
}
