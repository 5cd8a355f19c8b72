package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Instant;
import java.time.ZoneOffset;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/** Which band the headers report, and Reset / Retry-After against the clock. */
class RateLimiterTests {

  static final long NOW = 1_900_000_000L;
  final Clock clock = Clock.fixed(Instant.ofEpochSecond(NOW), ZoneOffset.UTC);
  final RateLimiter limiter = new RateLimiter(new InMemoryBucketStore(100),
      RateLimitProperties.RedisFailure.FAIL_OPEN, clock, new SimpleMeterRegistry());

  @Test
  void reportsTheBandClosestToRunningOut() {
    Limits limits = Limits.parse("test", "10/1m,3/1h");
    Decision first = limiter.consume("k1", limits);
    // 9 left of 10/1m, 2 left of 3/1h: the hourly band is the closer one.
    assertThat(first.limit()).isEqualTo(3);
    assertThat(first.remaining()).isEqualTo(2);
    // One of three used: full again in a third of an hour.
    assertThat(first.resetEpochSeconds()).isBetween(NOW + 1199, NOW + 1200);
  }

  @Test
  void refusalCarriesRetryAfterAndAResetConsistentWithIt() {
    Limits limits = Limits.parse("test", "10/1m,3/1h");
    for (int i = 0; i < 3; i++) {
      assertThat(limiter.consume("k2", limits).outcome()).isEqualTo(Decision.Outcome.ALLOWED);
    }
    Decision refused = limiter.consume("k2", limits);
    assertThat(refused.outcome()).isEqualTo(Decision.Outcome.REFUSED);
    assertThat(refused.limit()).isEqualTo(3);
    assertThat(refused.remaining()).isZero();
    // One request comes back after an hour / 3; the band is full after an hour.
    assertThat(refused.retryAfterSeconds()).isBetween(1199L, 1200L);
    assertThat(refused.resetEpochSeconds()).isBetween(NOW + 3599, NOW + 3600);
  }

  @Test
  void checkingDoesNotTakeARequest() {
    Limits limits = Limits.parse("test", "2/1m");
    assertThat(limiter.check("k3", limits).remaining()).isEqualTo(2);
    assertThat(limiter.check("k3", limits).remaining()).isEqualTo(2);
    assertThat(limiter.consume("k3", limits).remaining()).isEqualTo(1);
    limiter.consume("k3", limits);
    Decision refused = limiter.check("k3", limits);
    assertThat(refused.outcome()).isEqualTo(Decision.Outcome.REFUSED);
    assertThat(refused.retryAfterSeconds()).isBetween(29L, 30L);
  }

  @Test
  void aFullBucketResetsNow() {
    Decision fresh = limiter.check("k4", Limits.parse("test", "5/1m"));
    assertThat(fresh.remaining()).isEqualTo(5);
    assertThat(fresh.resetEpochSeconds()).isEqualTo(NOW);
  }
}
