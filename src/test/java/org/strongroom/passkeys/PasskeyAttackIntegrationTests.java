package org.strongroom.passkeys;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Base64;
import java.util.Map;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.strongroom.accounts.Sudo;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.MutableClock;
import org.strongroom.support.RecordedAuditEvents;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestUsers;

/**
 * Passkey endpoints under attack, over HTTPS: registration without sudo mode, a forged
 * assertion, an assertion without its challenge, Spring's delete endpoint. Each is refused
 * with nothing signed in and nothing written.
 */
@IntegrationTest
@Import({MutableClock.Configuration.class, RecordedAuditEvents.class})
class PasskeyAttackIntegrationTests {

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired MutableClock clock;
  @Autowired JdbcTemplate jdbc;

  @BeforeEach
  void forgetEarlierFailures() {
    clock.advance(Duration.ofDays(2));
  }

  @Test
  void registeringWithoutSudoModeIsRefused() {
    TestUsers.User user = users.user();
    SessionClient browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);
    long before = credentials();

    for (String path : new String[] {"/webauthn/register/options", "/webauthn/register"}) {
      HttpResponse<String> refused = browser.postJsonWithCsrf(path, "{}");
      assertThat(refused.statusCode()).as(path).isEqualTo(403);
      assertThat(refused.body()).contains(Sudo.REQUIRED_MESSAGE).contains("\"status\":403");
    }
    assertThat(credentials()).isEqualTo(before);
    assertThat(new SessionClient(api).postJson("/webauthn/register/options", "{}").statusCode()).isEqualTo(403);
  }

  @Test
  void registeringWithoutTheCsrfTokenIsRefusedEvenInSudoMode() {
    TestUsers.User user = users.user();
    SessionClient browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);
    browser.submit("/account/sudo", Map.of("password", TestUsers.PASSWORD, "next", "/"));

    assertThat(browser.postJsonWithCsrf("/webauthn/register/options", "{}").statusCode()).isEqualTo(200);
    assertThat(browser.postJson("/webauthn/register/options", "{}").statusCode()).isEqualTo(403);
    assertThat(browser.send(api.request("/webauthn/register/abc").DELETE()
        .header("X-CSRFToken", browser.csrfToken())).statusCode()).isEqualTo(404);
  }

  @Test
  void aForgedAssertionSignsNobodyIn() {
    SessionClient attacker = new SessionClient(api);
    attacker.get("/login");
    HttpResponse<String> options = attacker.postJsonWithCsrf("/webauthn/authenticate/options", "");
    assertThat(options.statusCode()).isEqualTo(200);
    assertThat(options.body()).contains("\"challenge\"").contains("\"rpId\":\"localhost\"");

    HttpResponse<String> forged = attacker.postJsonWithCsrf("/login/webauthn", forgedAssertion());
    assertThat(forged.statusCode()).isEqualTo(401);
    assertThat(forged.body()).contains("\"status\":401");
    assertThat(attacker.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void anAssertionWithoutAChallengeSignsNobodyIn() {
    SessionClient attacker = new SessionClient(api);
    attacker.get("/login");
    HttpResponse<String> replayed = attacker.postJsonWithCsrf("/login/webauthn", forgedAssertion());
    assertThat(replayed.statusCode()).isIn(400, 401);
    assertThat(attacker.get("/api/me").statusCode()).isEqualTo(401);
  }

  private static String forgedAssertion() {
    Base64.Encoder b64 = Base64.getUrlEncoder().withoutPadding();
    String id = b64.encodeToString("not-a-registered-credential".getBytes());
    String clientData = b64.encodeToString(("{\"type\":\"webauthn.get\",\"challenge\":\"AAAA\","
        + "\"origin\":\"https://localhost\"}").getBytes());
    return "{\"id\":\"" + id + "\",\"rawId\":\"" + id + "\",\"response\":{\"authenticatorData\":\""
        + b64.encodeToString(new byte[37]) + "\",\"clientDataJSON\":\"" + clientData + "\",\"signature\":\""
        + b64.encodeToString(new byte[64]) + "\",\"userHandle\":\"" + b64.encodeToString(new byte[16])
        + "\"},\"credType\":\"public-key\",\"clientExtensionResults\":{},\"authenticatorAttachment\":\"platform\"}";
  }

  private long credentials() {
    return jdbc.queryForObject("select count(*) from user_credentials", Long.class);
  }
}
