package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.support.LoopbackClient;
import org.strongroom.support.LoopbackClient.Response;
import org.strongroom.support.RequiresRedis;
import org.strongroom.support.TwoInstances;

/**
 * Two servers sharing one Redis under a limit as small as the defaults, which each server
 * leases a few requests at a time ({@link Leases}): a caller's requests alternating between
 * them are still allowed exactly LIMIT times, and the next one is refused on either server
 * with the headers and the JSON error. 60 a day rather than the anonymous default 60 a
 * minute, whose leases are as large (3), so that no token refills while the test runs.
 */
@RequiresRedis
class RedisSharedLeasedQuotaIntegrationTests {

  static final int LIMIT = 60;
  static TwoInstances servers;

  @BeforeAll
  static void startTwoServers() {
    servers = new TwoInstances("--strongroom.rate-limits.anonymous=" + LIMIT + "/1d");
  }

  @AfterAll
  static void stopServers() {
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  void theLimitIsLeasedLikeTheDefaults() {
    assertThat(Leases.largest(Limits.parse("test", LIMIT + "/1d")))
        .isEqualTo(Leases.largest(Limits.parse("test", "60/1m,1000/1h"))).isEqualTo(3);
  }

  @Test
  void requestsAlternatingBetweenTheServersAreAllowedExactlyLimitTimes() {
    LoopbackClient one = new LoopbackClient(port(servers.a));
    LoopbackClient two = new LoopbackClient(port(servers.b));
    String address = one.address(1);
    List<Integer> refused = new ArrayList<>();
    Response lastAllowed = null;
    Response last = null;
    for (int i = 1; i <= LIMIT + 1; i++) {
      last = (i % 2 == 1 ? one : two).getFrom(address, "/api/records/");
      if (last.status() == 200) {
        lastAllowed = last;
        assertThat(last.header("X-RateLimit-Limit")).as("request %d", i).isEqualTo(Integer.toString(LIMIT));
        assertThat(Long.parseLong(last.header("X-RateLimit-Remaining"))).as("request %d", i)
            .isBetween(0L, (long) LIMIT - i + Leases.largest(Limits.parse("test", LIMIT + "/1d")));
      } else {
        refused.add(i);
      }
    }
    assertThat(refused).as("the requests refused").containsExactly(LIMIT + 1);
    assertThat(lastAllowed.header("X-RateLimit-Remaining")).isEqualTo("0");

    // The refusal (server one, request 61) and the next on server two: 429, headers, JSON.
    for (Response refusal : List.of(last, two.getFrom(address, "/api/records/"))) {
      assertThat(refusal.status()).isEqualTo(429);
      assertThat(refusal.header("X-RateLimit-Limit")).isEqualTo(Integer.toString(LIMIT));
      assertThat(refusal.header("X-RateLimit-Remaining")).isEqualTo("0");
      assertThat(Long.parseLong(refusal.header("Retry-After"))).isBetween(1L, 24L * 3600 / LIMIT);
      assertThat(Long.parseLong(refusal.header("X-RateLimit-Reset"))).isGreaterThan(System.currentTimeMillis() / 1000);
      assertThat(refusal.json().path("status").asInt()).isEqualTo(429);
      assertThat(refusal.json().path("message").asString()).startsWith("Too many requests");
    }
    // Another address still has its whole quota on either server.
    assertThat(one.getFrom(one.address(2), "/api/records/").header("X-RateLimit-Remaining"))
        .isEqualTo(Integer.toString(LIMIT - 1));
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }
}
