package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Instant;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.LoopbackClient;
import org.strongroom.support.LoopbackClient.Response;

/**
 * The {@code anonymous} class: per client address, exact at the edge, with headers on 200
 * and 429; the key cannot be moved with X-Forwarded-For (0 trusted proxies) or User-Agent.
 * Each test plays its own clients from distinct loopback addresses.
 */
@IntegrationTest
@TestPropertySource(properties = {
    "strongroom.rate-limits.anonymous=5/1m,50/1h",
    "strongroom.rate-limits.authenticated=100/1m",
    "strongroom.rate-limits.login=100/1m"})
class AnonymousRateLimitIntegrationTests {

  static final int LIMIT = 5;
  static final String BROWSER_ACCEPT = "text/html,application/xhtml+xml,*/*;q=0.8";

  @Autowired
  ApiClient api;

  LoopbackClient clients;

  @BeforeEach
  void clients() {
    clients = new LoopbackClient(api.port());
  }

  @Test
  void allowsExactlyTheLimitThenRefusesWithJsonAndHeaders() {
    for (int i = 1; i <= LIMIT; i++) {
      long before = Instant.now().getEpochSecond();
      Response ok = clients.get(1, "/api/records/");
      assertThat(ok.status()).as("request %d", i).isEqualTo(200);
      assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("5");
      assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(LIMIT - i));
      // The 1-minute band (the closer to running out) is full again at most 60 s from now.
      long reset = Long.parseLong(ok.header("X-RateLimit-Reset"));
      assertThat(reset).isBetween(before, Instant.now().getEpochSecond() + 60 + 1);
      assertThat(ok.header("Retry-After")).isNull();
      assertThat(ok.header("X-User-ID")).isNull();
    }
    long before = Instant.now().getEpochSecond();
    Response refused = clients.get(1, "/api/records/");
    long after = Instant.now().getEpochSecond();
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Content-Type")).startsWith("application/json");
    assertThat(refused.json().path("status").asInt()).isEqualTo(429);
    assertThat(refused.json().path("message").asString()).startsWith("Too many requests");
    assertThat(refused.header("X-RateLimit-Limit")).isEqualTo("5");
    assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
    // 5 per minute, refilled greedily: one request comes back every 12 s.
    long retryAfter = Long.parseLong(refused.header("Retry-After"));
    assertThat(retryAfter).isBetween(1L, 12L);
    long reset = Long.parseLong(refused.header("X-RateLimit-Reset"));
    assertThat(reset).isBetween(before + retryAfter, after + 60 + 1);
  }

  @Test
  void otherAddressesKeepTheirOwnQuota() {
    exhaust(2);
    assertThat(clients.get(2, "/api/records/").status()).isEqualTo(429);
    Response other = clients.get(3, "/api/records/");
    assertThat(other.status()).isEqualTo(200);
    assertThat(other.header("X-RateLimit-Remaining")).isEqualTo("4");
  }

  @Test
  void spoofedForwardedForNeitherChargesNorResetsSomeoneElse() {
    // The attacker (client 4) claims to be the victim (client 5) in every request...
    for (int i = 0; i < LIMIT; i++) {
      assertThat(clients.get(4, "/api/records/", "X-Forwarded-For", clients.address(5)).status()).isEqualTo(200);
    }
    // ...which charges only the attacker's own address,
    assertThat(clients.get(4, "/api/records/", "X-Forwarded-For", clients.address(5)).status()).isEqualTo(429);
    Response victim = clients.get(5, "/api/records/");
    assertThat(victim.status()).isEqualTo(200);
    assertThat(victim.header("X-RateLimit-Remaining")).isEqualTo("4");
    // and claiming a fresh address (or several) does not give the attacker a new bucket.
    assertThat(clients.get(4, "/api/records/", "X-Forwarded-For", clients.address(6)).status()).isEqualTo(429);
    assertThat(clients.get(4, "/api/records/", "X-Forwarded-For", "203.0.113.9, " + clients.address(7),
        "X-Real-IP", clients.address(8), "Forwarded", "for=" + clients.address(9)).status()).isEqualTo(429);
  }

  @Test
  void changingUserAgentDoesNotDodgeTheLimit() {
    for (int i = 0; i < LIMIT; i++) {
      assertThat(clients.get(10, "/api/records/", "User-Agent", "agent-" + i).status()).isEqualTo(200);
    }
    assertThat(clients.get(10, "/api/records/", "User-Agent", "a-brand-new-agent").status()).isEqualTo(429);
  }

  @Test
  void pagesGetAFriendlyHtml429WithTheHeaders() {
    for (int i = 0; i < LIMIT; i++) {
      assertThat(clients.get(11, "/records/", "Accept", BROWSER_ACCEPT).status()).isEqualTo(200);
    }
    Response refused = clients.get(11, "/records/", "Accept", BROWSER_ACCEPT);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Content-Type")).startsWith("text/html");
    assertThat(refused.body()).contains("Slow down").doesNotContain("Exception");
    assertThat(refused.header("Retry-After")).isNotNull();
    assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
  }

  @Test
  void staticAssetsAreNotCounted() {
    for (int i = 0; i < 3 * LIMIT; i++) {
      Response css = clients.get(12, "/css/strongroom.css");
      assertThat(css.status()).isEqualTo(200);
      assertThat(css.header("X-RateLimit-Limit")).isNull();
    }
    assertThat(clients.get(12, "/api/records/").header("X-RateLimit-Remaining")).isEqualTo("4");
  }

  @Test
  void deniedRequestsStillCount() {
    // An anonymous POST is refused (401) after it has been counted.
    for (int i = 0; i < LIMIT; i++) {
      assertThat(clients.send(13, "POST", "/api/records/", "{}", "Content-Type", "application/json").status())
          .isEqualTo(401);
    }
    assertThat(clients.get(13, "/api/records/").status()).isEqualTo(429);
  }

  private void exhaust(int client) {
    for (int i = 0; i < LIMIT; i++) {
      assertThat(clients.get(client, "/api/records/").status()).isEqualTo(200);
    }
  }
}
