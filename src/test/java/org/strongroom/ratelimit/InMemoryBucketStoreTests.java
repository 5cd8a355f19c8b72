package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;

import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.junit.jupiter.api.Test;

/**
 * The in-process backend under a flood of distinct client addresses (what a trusted proxy
 * would pass on from a botnet or an IPv6 range): its table stays within its cap, and a client
 * that keeps sending keeps its count through the flood.
 */
class InMemoryBucketStoreTests {

  static final Limits LIMITS = Limits.parse("test", "10/1m,100/1h");

  @Test
  void aFloodOfDistinctAddressesKeepsTheTableBounded() {
    InMemoryBucketStore store = new InMemoryBucketStore(10_000);
    RateLimiter limiter = new RateLimiter(store, RateLimitProperties.RedisFailure.FAIL_OPEN, Clock.systemUTC(),
        new SimpleMeterRegistry());
    for (int i = 0; i < 5; i++) {
      limiter.consume("anonymous:198.51.100.1", LIMITS);
    }
    for (int i = 0; i < 100_000; i++) {
      String fake = "anonymous:10." + (i >> 16 & 0xff) + "." + (i >> 8 & 0xff) + "." + (i & 0xff);
      assertThat(limiter.consume(fake, LIMITS).outcome()).isEqualTo(Decision.Outcome.ALLOWED);
      assertThat(store.size()).isLessThanOrEqualTo(10_000);
      if (i % 1000 == 0) {
        // The real client goes on sending during the flood: it stays among the recent ones.
        limiter.consume("anonymous:198.51.100.1", LIMITS);
      }
    }
    assertThat(store.size()).isEqualTo(10_000);
    // 5 before the flood and 5 during it (i = 0, 1000, 2000, 3000, 4000) used up the 10/1m band.
    assertThat(limiter.consume("anonymous:198.51.100.1", LIMITS).outcome()).isEqualTo(Decision.Outcome.REFUSED);
  }

  @Test
  void theDefaultCapHoldsTheFloodInAFewMegabytes() {
    InMemoryBucketStore store = new InMemoryBucketStore(new RateLimitProperties(true, "60/1m", "100/1m", "10/1m",
        RateLimitProperties.RedisFailure.FAIL_OPEN, 50_000).inMemoryMaxKeys());
    Runtime runtime = Runtime.getRuntime();
    System.gc();
    long before = runtime.totalMemory() - runtime.freeMemory();
    for (int i = 0; i < 100_000; i++) {
      store.bucket("anonymous:2001:db8::" + Integer.toHexString(i), LIMITS).tryConsume(1);
    }
    System.gc();
    long after = runtime.totalMemory() - runtime.freeMemory();
    assertThat(store.size()).isEqualTo(50_000);
    // A rough bound (GC timing varies): well under 64 MB for the 50,000 retained callers.
    assertThat(after - before).isLessThan(64L * 1024 * 1024);
  }

  @Test
  void aChangedConfigurationMovesTheBucketKeepingItsCount() {
    InMemoryBucketStore store = new InMemoryBucketStore(100);
    store.bucket("authenticated:1", Limits.parse("test", "3/1m")).tryConsume(2);
    assertThat(store.bucket("authenticated:1", Limits.parse("test", "10/1m")).getAvailableTokens()).isEqualTo(8);
  }
}
