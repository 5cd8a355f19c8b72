package org.strongroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;
import java.util.concurrent.ThreadLocalRandom;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.strongroom.support.RequiresRedis;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestUsers;
import org.strongroom.support.TwoInstances;

/**
 * Password guessing spread over two servers behind one proxy (trusted-proxies = 1): the
 * failures of an account, and of a client address, are counted once across both, so the
 * lockout comes after the same five failures as on one server, and holds on both.
 */
@RequiresRedis
class SharedLoginThrottleIntegrationTests {

  static final String WRONG = "not the right password";
  static TwoInstances servers;
  static TestUsers users;

  @BeforeAll
  static void start() {
    servers = new TwoInstances("--strongroom.trusted-proxies=1");
    users = servers.users();
  }

  @AfterAll
  static void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  void fiveFailuresSpreadOverBothServersLockTheAccountOnBoth() {
    TestUsers.User user = users.user();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> wrong = login(i % 2 == 0 ? servers.a : servers.b, address(), user.email(), WRONG);
      assertThat(wrong.headers().firstValue("Location").orElseThrow()).as("attempt %d", i + 1).endsWith("/login?error");
    }
    for (var server : java.util.List.of(servers.a, servers.b)) {
      HttpResponse<String> locked = login(server, address(), user.email(), TestUsers.PASSWORD);
      assertThat(locked.statusCode()).isEqualTo(429);
      assertThat(Long.parseLong(locked.headers().firstValue("Retry-After").orElseThrow())).isBetween(880L, 900L);
    }
  }

  @Test
  void fiveFailuresFromOneAddressOverBothServersLockThatAddressOnly() {
    String guesser = address();
    for (int i = 0; i < 5; i++) {
      login(i % 2 == 0 ? servers.b : servers.a, guesser, users.user().email(), WRONG);
    }
    TestUsers.User innocent = users.user();
    assertThat(login(servers.a, guesser, innocent.email(), TestUsers.PASSWORD).statusCode()).isEqualTo(429);
    assertThat(login(servers.b, guesser, innocent.email(), TestUsers.PASSWORD).statusCode()).isEqualTo(429);
    HttpResponse<String> elsewhere = login(servers.b, address(), innocent.email(), TestUsers.PASSWORD);
    assertThat(elsewhere.statusCode()).isEqualTo(302);
    assertThat(elsewhere.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
  }

  private static HttpResponse<String> login(org.springframework.context.ConfigurableApplicationContext server,
      String address, String email, String password) {
    SessionClient browser = new SessionClient(new org.strongroom.support.ApiClient(server.getEnvironment()));
    browser.get("/login", "X-Forwarded-For", address);
    return browser.postForm("/login", Map.of("username", email, "password", password,
        "csrf_token", browser.csrfToken()), "X-Forwarded-For", address);
  }

  /** A client address of its own for each test (documentation range 198.18.0.0/15). */
  private static String address() {
    ThreadLocalRandom random = ThreadLocalRandom.current();
    return "198.18." + random.nextInt(256) + "." + (1 + random.nextInt(254));
  }
}
