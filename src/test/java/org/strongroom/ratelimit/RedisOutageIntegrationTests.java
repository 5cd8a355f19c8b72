package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.time.Duration;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.strongroom.support.TcpForwarder;
import org.strongroom.support.ApiClient;
import org.strongroom.support.Eventually;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.LoopbackClient;
import org.strongroom.support.LoopbackClient.Response;
import org.strongroom.support.RequiresRedis;

/**
 * The real server with {@code redis-failure=fail-closed}, its Redis reached through a
 * forwarder the test cuts: 503 with the JSON error body while Redis is away, limits again
 * once it is back, without a restart.
 *
 * <p>The context is closed after the class: its forwarder is gone then, and a cached context
 * would keep reconnecting to it for the rest of the run, logging a warning every few seconds
 * into other tests' captured output (a CLI test counting its stderr lines failed on one).
 */
@RequiresRedis
@IntegrationTest
@DirtiesContext
class RedisOutageIntegrationTests {

  static final TcpForwarder FORWARDER = startForwarder();

  @DynamicPropertySource
  static void redis(DynamicPropertyRegistry registry) {
    registry.add("strongroom.redis.url", () -> "redis://127.0.0.1:" + FORWARDER.port());
    registry.add("strongroom.rate-limits.redis-failure", () -> "fail-closed");
    // A token comes back every 36 s, not every 0.6 s: the count after the outage still shows
    // the request made before it, however long the machine takes to reconnect.
    registry.add("strongroom.rate-limits.anonymous", () -> "100/1h");
  }

  @AfterAll
  static void stopForwarder() throws IOException {
    FORWARDER.close();
  }

  @Autowired
  ApiClient api;

  @Test
  void failClosedAnswers503WhileRedisIsAwayThenRecovers() throws Exception {
    LoopbackClient clients = new LoopbackClient(api.port());
    Response before = clients.get(1, "/api/records/");
    assertThat(before.status()).isEqualTo(200);
    assertThat(before.header("X-RateLimit-Remaining")).isEqualTo("99");

    FORWARDER.cut();
    Response during = clients.get(1, "/api/records/");
    assertThat(during.status()).isEqualTo(503);
    assertThat(during.json().path("status").asInt()).isEqualTo(503);
    assertThat(during.json().path("message").asString()).doesNotContain("Redis").doesNotContain("127.0.0.1");
    assertThat(during.header("Retry-After")).isNotNull();

    FORWARDER.restore();
    Response after = Eventually.until(Duration.ofSeconds(10), "an answer other than 503 once Redis is back",
        () -> clients.get(1, "/api/records/"), response -> response.status() != 503);
    assertThat(after.status()).isEqualTo(200);
    assertThat(Long.parseLong(after.header("X-RateLimit-Remaining"))).isLessThan(99);
  }

  private static TcpForwarder startForwarder() {
    try {
      return new TcpForwarder(RequiresRedis.HOST, RequiresRedis.PORT);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
