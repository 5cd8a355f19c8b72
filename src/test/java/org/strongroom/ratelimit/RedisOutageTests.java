package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.strongroom.support.Eventually;
import org.strongroom.support.TcpForwarder;
import org.strongroom.support.RequiresRedis;

/**
 * Redis going away mid-run, through a forwarder the test cuts: the configured behaviour
 * (fail-open: served without limits, counted in the metric; fail-closed: unavailable), then
 * recovery without a restart, with the count kept in Redis.
 */
@RequiresRedis
class RedisOutageTests {

  static final Limits LIMITS = Limits.parse("test", "5/1m");

  TcpForwarder forwarder;
  RedisBucketStore store;
  SimpleMeterRegistry metrics = new SimpleMeterRegistry();
  String key = "test:" + UUID.randomUUID();

  @BeforeEach
  void forwarder() throws Exception {
    forwarder = new TcpForwarder(RequiresRedis.HOST, RequiresRedis.PORT);
    store = new RedisBucketStore("redis://127.0.0.1:" + forwarder.port());
  }

  @AfterEach
  void close() throws Exception {
    store.close();
    forwarder.close();
  }

  @Test
  void failOpenServesWithoutLimitsCountsTheFailuresAndRecovers() throws Exception {
    RateLimiter limiter = new RateLimiter(store, RateLimitProperties.RedisFailure.FAIL_OPEN, Clock.systemUTC(), metrics);
    assertThat(awaitAllowed(limiter).remaining()).isEqualTo(4);
    assertThat(limiter.consume(key, LIMITS).remaining()).isEqualTo(3);

    forwarder.cut();
    double failuresBefore = metrics.get("strongroom.ratelimit.backend.failures").counter().count();
    for (int i = 0; i < 10; i++) {
      assertThat(limiter.consume(key, LIMITS).outcome()).isEqualTo(Decision.Outcome.UNLIMITED);
    }
    assertThat(metrics.get("strongroom.ratelimit.backend.failures").counter().count()).isEqualTo(failuresBefore + 10);
    assertThat(metrics.get("strongroom.ratelimit.backend.down").gauge().value()).isEqualTo(1);

    forwarder.restore();
    Decision recovered = awaitAllowed(limiter);
    // The count held in Redis survived the outage: 2 taken before, 1 now.
    assertThat(recovered.remaining()).isEqualTo(2);
    assertThat(metrics.get("strongroom.ratelimit.backend.down").gauge().value()).isEqualTo(0);
  }

  @Test
  void failClosedRefusesWhileRedisIsAwayAndRecovers() throws Exception {
    RateLimiter limiter = new RateLimiter(store, RateLimitProperties.RedisFailure.FAIL_CLOSED, Clock.systemUTC(), metrics);
    assertThat(awaitAllowed(limiter).remaining()).isEqualTo(4);
    forwarder.cut();
    assertThat(limiter.consume(key, LIMITS).outcome()).isEqualTo(Decision.Outcome.UNAVAILABLE);
    assertThat(limiter.check(key, LIMITS).outcome()).isEqualTo(Decision.Outcome.UNAVAILABLE);
    forwarder.restore();
    assertThat(awaitAllowed(limiter).remaining()).isEqualTo(3);
  }

  @Test
  void redisDownAtStartUpIsRetriedUntilItComes() throws Exception {
    forwarder.cut();
    RateLimiter limiter = new RateLimiter(store, RateLimitProperties.RedisFailure.FAIL_OPEN, Clock.systemUTC(), metrics);
    assertThat(limiter.consume(key, LIMITS).outcome()).isEqualTo(Decision.Outcome.UNLIMITED);
    forwarder.restore();
    assertThat(awaitAllowed(limiter).remaining()).isEqualTo(4);
  }

  @Test
  void aRedisThatStopsAnsweringCostsARequestTwoCommandTimeoutsAtMost() throws Exception {
    RateLimiter limiter = new RateLimiter(store, RateLimitProperties.RedisFailure.FAIL_OPEN, Clock.systemUTC(), metrics);
    assertThat(awaitAllowed(limiter).remaining()).isEqualTo(4);
    forwarder.freeze();
    ExecutorService callers = Executors.newFixedThreadPool(8);
    try {
      long start = System.nanoTime();
      List<Future<Decision>> decisions = new ArrayList<>();
      for (int i = 0; i < 8; i++) {
        decisions.add(callers.submit(() -> limiter.consume(key, LIMITS)));
      }
      for (Future<Decision> decision : decisions) {
        assertThat(decision.get(10, TimeUnit.SECONDS).outcome()).isEqualTo(Decision.Outcome.UNLIMITED);
      }
      // The first call hangs for its 1 s timeout, the batch that waited for it for another.
      assertThat(Duration.ofNanos(System.nanoTime() - start)).isLessThan(Duration.ofMillis(3500));
    } finally {
      callers.shutdownNow();
    }
    forwarder.thaw();
    // The held calls reach Redis late and empty this key's bucket; another key is answered again.
    assertThat(awaitAllowed(limiter, key + ":after").remaining()).isEqualTo(4);
  }

  @Test
  void anOutageUnderLoadAnswersEveryRequestAndRecovers() throws Exception {
    // While the connection is down each call is refused at once, so requests of many callers
    // arrive faster than calls fail: every one is still answered (served without limits), and
    // no sending nests in another's until the stack runs out.
    RateLimiter limiter = new RateLimiter(store, RateLimitProperties.RedisFailure.FAIL_OPEN, Clock.systemUTC(), metrics);
    assertThat(awaitAllowed(limiter).remaining()).isEqualTo(4);
    forwarder.cut();
    ExecutorService callers = Executors.newFixedThreadPool(32);
    try {
      long end = System.nanoTime() + Duration.ofSeconds(2).toNanos();
      List<Future<Integer>> answered = new ArrayList<>();
      for (int i = 0; i < 32; i++) {
        String caller = key + ":" + (i % 8);
        answered.add(callers.submit(() -> {
          int count = 0;
          while (System.nanoTime() < end) {
            assertThat(limiter.consume(caller, LIMITS).outcome()).isEqualTo(Decision.Outcome.UNLIMITED);
            count++;
          }
          return count;
        }));
      }
      int total = 0;
      for (Future<Integer> each : answered) {
        total += each.get(10, TimeUnit.SECONDS);
      }
      assertThat(total).isGreaterThan(1000);
    } finally {
      callers.shutdownNow();
    }
    forwarder.restore();
    assertThat(awaitAllowed(limiter).remaining()).isEqualTo(3);
  }

  private Decision awaitAllowed(RateLimiter limiter) {
    return awaitAllowed(limiter, key);
  }

  /**
   * The first decision Redis answers (it allows): Lettuce reconnects by itself within about a
   * second, and a first connection on a busy machine may take longer than one command's timeout.
   */
  private static Decision awaitAllowed(RateLimiter limiter, String key) {
    return Eventually.until(Duration.ofSeconds(10), "Redis to answer again (a decision that allows)",
        () -> limiter.consume(key, LIMITS), decision -> decision.outcome() == Decision.Outcome.ALLOWED);
  }
}
