package org.strongroom.accounts.throttle;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.RedisStandaloneConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.http.HttpStatus;
import org.strongroom.cluster.RedisOutageLog;
import org.strongroom.core.ApiException;
import org.strongroom.support.RequiresRedis;
import org.strongroom.support.TcpForwarder;

/**
 * The login failure counters in the real Redis, as two instances use them (two connections,
 * one namespace): failures count once across both, with the same lockouts as in memory; and
 * while Redis is away every question is answered 503, never "not locked".
 */
@RequiresRedis
class RedisFailureCountersTests {

  static final FailureCounters.Policy POLICY =
      new FailureCounters.Policy(5, Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofHours(24));
  final String namespace = "test-throttle-" + UUID.randomUUID().toString().substring(0, 8);
  final List<LettuceConnectionFactory> connections = new ArrayList<>();

  @AfterEach
  void close() {
    connections.forEach(LettuceConnectionFactory::destroy);
  }

  @Test
  void failuresOnTwoInstancesAreCountedOnceAndLockBoth() {
    FailureCounters a = counters(RequiresRedis.HOST, RequiresRedis.PORT);
    FailureCounters b = counters(RequiresRedis.HOST, RequiresRedis.PORT);
    Instant now = Instant.parse("2026-01-01T10:00:00Z");
    for (int i = 0; i < 4; i++) {
      assertThat((i % 2 == 0 ? a : b).recordFailure("account:x@example.org", now.plusSeconds(i), POLICY)).isEmpty();
    }
    assertThat(a.lockedUntil("account:x@example.org", now.plusSeconds(4))).isEmpty();
    Instant locked = now.plusSeconds(4);
    assertThat(b.recordFailure("account:x@example.org", locked, POLICY)).contains(locked.plus(Duration.ofMinutes(15)));
    assertThat(a.lockedUntil("account:x@example.org", locked.plusSeconds(1))).contains(locked.plus(Duration.ofMinutes(15)));
    assertThat(b.lockedUntil("account:other@example.org", locked.plusSeconds(1))).isEmpty();

    // The second lockout in a row lasts twice as long, whichever instance counts it.
    Instant later = locked.plus(Duration.ofMinutes(16));
    for (int i = 0; i < 4; i++) {
      (i % 2 == 0 ? b : a).recordFailure("account:x@example.org", later.plusSeconds(i), POLICY);
    }
    assertThat(a.recordFailure("account:x@example.org", later.plusSeconds(4), POLICY))
        .contains(later.plusSeconds(4).plus(Duration.ofMinutes(30)));

    a.reset("account:x@example.org");
    assertThat(b.lockedUntil("account:x@example.org", later.plusSeconds(5))).isEmpty();
  }

  @Test
  void failuresOlderThanTheWindowNoLongerCount() {
    FailureCounters a = counters(RequiresRedis.HOST, RequiresRedis.PORT);
    Instant start = Instant.parse("2026-01-01T10:00:00Z");
    for (int i = 0; i < 4; i++) {
      a.recordFailure("address:192.0.2.1", start.plusSeconds(i), POLICY);
    }
    Instant afterWindow = start.plus(Duration.ofMinutes(15)).plusSeconds(4);
    assertThat(a.recordFailure("address:192.0.2.1", afterWindow, POLICY)).isEmpty();
  }

  @Test
  void whileRedisIsAwaySignInIsRefusedNotWaivedAndItRecovers() throws Exception {
    try (TcpForwarder forwarder = new TcpForwarder(RequiresRedis.HOST, RequiresRedis.PORT)) {
      FailureCounters counters = counters("127.0.0.1", forwarder.port());
      Instant now = Instant.parse("2026-01-01T10:00:00Z");
      for (int i = 0; i < 5; i++) {
        counters.recordFailure("account:y@example.org", now, POLICY);
      }
      forwarder.cut();
      assertThatThrownBy(() -> counters.lockedUntil("account:y@example.org", now))
          .isInstanceOfSatisfying(ApiException.class, e -> assertThat(e.status()).isEqualTo(HttpStatus.SERVICE_UNAVAILABLE));
      assertThatThrownBy(() -> counters.recordFailure("account:y@example.org", now, POLICY))
          .isInstanceOf(ApiException.class).hasMessageNotContaining("127.0.0.1").hasMessageNotContaining("Redis");

      forwarder.restore();
      Instant deadline = Instant.now().plusSeconds(15);
      while (true) {
        try {
          assertThat(counters.lockedUntil("account:y@example.org", now.plusSeconds(1))).isPresent();
          break;
        } catch (ApiException stillAway) {
          if (Instant.now().isAfter(deadline)) {
            throw stillAway;
          }
          Thread.onSpinWait();
        }
      }
    }
  }

  private FailureCounters counters(String host, int port) {
    // The command timeout the server's own connection has (ClusterConfiguration); with Lettuce's
    // default of a minute, each call made while Redis is cut off would wait that long.
    LettuceConnectionFactory factory = new LettuceConnectionFactory(new RedisStandaloneConfiguration(host, port),
        LettuceClientConfiguration.builder().commandTimeout(Duration.ofSeconds(2)).build());
    factory.afterPropertiesSet();
    factory.start();
    connections.add(factory);
    return new RedisFailureCounters(new StringRedisTemplate(factory), namespace, new RedisOutageLog());
  }
}
