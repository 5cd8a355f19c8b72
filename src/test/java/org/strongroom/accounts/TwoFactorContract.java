package org.strongroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.accounts.twofactor.TwoFactor;
import org.strongroom.secrets.SecretBox;
import org.strongroom.support.ApiClient;
import org.strongroom.support.MutableClock;
import org.strongroom.support.RecordedAuditEvents;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestUsers;

/**
 * Two-factor attacks: a TOTP code replayed, a recovery code used twice, codes guessed
 * (they count towards the lockout), the second step skipped; and the seed kept sealed.
 * Run on H2 and PostgreSQL by the subclasses (replay protection is a conditional update).
 */
abstract class TwoFactorContract {

  static final Pattern SEED = Pattern.compile("<code class=\"seed\">([A-Z2-7]+)</code>");
  static final Pattern RECOVERY = Pattern.compile("[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}-[a-z2-9]{4}");

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired MutableClock clock;
  @Autowired RecordedAuditEvents audit;
  @Autowired JdbcClient jdbc;
  @Autowired SecretBox box;

  TestUsers.User user;
  String seed;
  List<String> recoveryCodes;

  @BeforeEach
  void enrol() {
    clock.advance(Duration.ofDays(2));
    user = users.user();
    SessionClient browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);
    assertThat(browser.submit("/account/security/totp/start", Map.of()).statusCode()).isEqualTo(302);
    HttpResponse<String> page = browser.get("/account/security");
    assertThat(page.body()).contains("src=\"data:image/png;base64,");
    Matcher matcher = SEED.matcher(page.body());
    assertThat(matcher.find()).isTrue();
    seed = matcher.group(1);

    HttpResponse<String> wrong = browser.submit("/account/security/totp/confirm", Map.of("code", code(5)));
    assertThat(wrong.statusCode()).isEqualTo(400);
    HttpResponse<String> confirmed = browser.submit("/account/security/totp/confirm", Map.of("code", code(0)));
    assertThat(confirmed.statusCode()).isEqualTo(200);
    recoveryCodes = new ArrayList<>();
    RECOVERY.matcher(confirmed.body()).results().forEach(r -> recoveryCodes.add(r.group()));
    assertThat(recoveryCodes).hasSize(10).doesNotHaveDuplicates();
    assertThat(audit.actionsFor(user.id())).contains("mfa.enable");
    browser.submit("/logout", Map.of());
  }

  @Test
  void thePasswordAloneDoesNotSignIn() {
    SessionClient browser = new SessionClient(api);
    HttpResponse<String> password = browser.login(user.email(), TestUsers.PASSWORD);
    assertThat(password.headers().firstValue("Location").orElseThrow()).endsWith("/login/mfa");
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
    assertThat(browser.get("/account/security").statusCode()).isEqualTo(302);
  }

  @Test
  void aTokenSentAlongWithThePendingSessionDoesNotCompleteTheSignIn() {
    SessionClient browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);

    HttpResponse<String> withToken = browser.get("/api/me", "Authorization", "Bearer " + user.token());

    // The token authenticates its own request and nothing else: the session still waits for the code.
    assertThat(withToken.statusCode()).isEqualTo(200);
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
    assertThat(browser.get("/account/security").statusCode()).isEqualTo(302);
  }

  @Test
  void aCodeSignsInOnceAndItsReplayIsRefused() {
    clock.advance(Duration.ofSeconds(30));
    String code = code(0);
    SessionClient first = new SessionClient(api);
    first.login(user.email(), TestUsers.PASSWORD);
    String pendingSession = first.sessionId();
    HttpResponse<String> accepted = first.submit("/login/mfa", Map.of("code", code));
    assertThat(accepted.statusCode()).isEqualTo(302);
    assertThat(first.sessionId()).isNotEqualTo(pendingSession);
    assertThat(ApiClient.json(first.get("/api/me")).get("email").asString()).isEqualTo(user.email());

    SessionClient replay = new SessionClient(api);
    replay.login(user.email(), TestUsers.PASSWORD);
    assertThat(replay.submit("/login/mfa", Map.of("code", code)).statusCode()).isEqualTo(400);
    assertThat(replay.get("/api/me").statusCode()).isEqualTo(401);
    // An earlier step's code is refused too once a later one was used.
    assertThat(replay.submit("/login/mfa", Map.of("code", code(-1))).statusCode()).isEqualTo(400);
    assertThat(replay.submit("/login/mfa", Map.of("code", code(1))).statusCode()).isEqualTo(302);
    assertThat(replay.get("/api/me").statusCode()).isEqualTo(200);
  }

  @Test
  void codesOutsideOneStepOfDriftAreRefused() {
    clock.advance(Duration.ofMinutes(5));
    SessionClient browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);
    assertThat(browser.submit("/login/mfa", Map.of("code", code(2))).statusCode()).isEqualTo(400);
    assertThat(browser.submit("/login/mfa", Map.of("code", code(-2))).statusCode()).isEqualTo(400);
    assertThat(browser.submit("/login/mfa", Map.of("code", code(-1))).statusCode()).isEqualTo(302);
  }

  @Test
  void aRecoveryCodeWorksOnlyOnce() {
    String recovery = recoveryCodes.get(3);
    SessionClient first = new SessionClient(api);
    first.login(user.email(), TestUsers.PASSWORD);
    assertThat(first.submit("/login/mfa", Map.of("code", recovery.toUpperCase())).statusCode()).isEqualTo(302);
    assertThat(first.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(audit.actionsFor(user.id())).contains("mfa.recovery-used");

    SessionClient second = new SessionClient(api);
    second.login(user.email(), TestUsers.PASSWORD);
    assertThat(second.submit("/login/mfa", Map.of("code", recovery)).statusCode()).isEqualTo(400);
    assertThat(second.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void guessedCodesLockTheAccount() {
    SessionClient browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);
    for (int i = 0; i < 5; i++) {
      browser.submit("/login/mfa", Map.of("code", String.format("%06d", i)));
    }
    clock.advance(Duration.ofSeconds(30));
    HttpResponse<String> locked = browser.submit("/login/mfa", Map.of("code", code(0)));
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void thePendingSecondStepExpires() {
    SessionClient browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);
    clock.advance(Duration.ofMinutes(6));
    HttpResponse<String> late = browser.submit("/login/mfa", Map.of("code", code(0)));
    assertThat(late.headers().firstValue("Location").orElseThrow()).endsWith("/login?expired");
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void theSeedIsStoredSealedAndRecoveryCodesHashed() {
    String stored = jdbc.sql("select totp_seed from users where id = :id").param("id", user.id())
        .query(String.class).single();
    assertThat(stored).doesNotContain(seed);
    assertThat(new String(box.open(TwoFactor.PURPOSE, stored), java.nio.charset.StandardCharsets.UTF_8)).isEqualTo(seed);
    List<String> hashes = jdbc.sql("select code_hash from recovery_codes where user_id = :id").param("id", user.id())
        .query(String.class).list();
    assertThat(hashes).hasSize(10);
    for (String code : recoveryCodes) {
      assertThat(hashes).doesNotContain(code, code.replace("-", ""));
    }
  }

  @Test
  void turningItOffNeedsThePassword() {
    clock.advance(Duration.ofSeconds(30));
    SessionClient browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);
    browser.submit("/login/mfa", Map.of("code", code(0)));
    assertThat(browser.submit("/account/security/totp/disable", Map.of("current_password", "wrong password here"))
        .statusCode()).isEqualTo(400);
    assertThat(browser.submit("/account/security/totp/disable", Map.of("current_password", TestUsers.PASSWORD))
        .statusCode()).isEqualTo(302);
    assertThat(audit.actionsFor(user.id())).contains("mfa.disable");
    HttpResponse<String> login = new SessionClient(api).login(user.email(), TestUsers.PASSWORD);
    assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith(":" + api.port() + "/");
  }

  /** The code for the clock's current time step plus {@code offset} steps. */
  String code(int offset) {
    try {
      long step = clock.instant().getEpochSecond() / 30 + offset;
      return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(seed == null ? "A".repeat(32) : seed, step);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
