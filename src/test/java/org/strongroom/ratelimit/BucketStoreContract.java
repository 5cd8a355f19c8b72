package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * What every bucket store must answer alike: the in-memory Bucket4j buckets and the Redis
 * script that replaces Bucket4j's compare-and-swap there. Each test uses keys of its own.
 */
abstract class BucketStoreContract {

  abstract BucketStore store();

  final String key = "contract:" + UUID.randomUUID();

  @Test
  void exactlyCountRequestsAreTakenAndTheNextIsRefused() {
    Limits limits = Limits.parse("test", "5/1m,7/1h");
    for (int i = 1; i <= 5; i++) {
      Probe probe = store().take(key, limits);
      assertThat(probe.allowed()).as("request %d", i).isTrue();
      assertThat(probe.available()).containsExactly(5 - i, 7 - i);
    }
    Probe refused = store().take(key, limits);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.available()).containsExactly(0, 2);
    // One request comes back after a minute / 5 (less what refilled during the test).
    assertThat(refused.nanosToWait()).isBetween(11_000_000_000L, 12_000_000_000L);
  }

  @Test
  void theWaitIsThatOfTheSlowestEmptyBand() {
    Limits limits = Limits.parse("test", "2/1m,2/1h");
    store().take(key, limits);
    store().take(key, limits);
    Probe refused = store().take(key, limits);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.nanosToWait()).isBetween(1_790_000_000_000L, 1_800_000_000_000L);
  }

  @Test
  void peekingTakesNothing() {
    Limits limits = Limits.parse("test", "2/1m");
    assertThat(store().peek(key, limits).available()).containsExactly(2);
    assertThat(store().peek(key, limits).available()).containsExactly(2);
    store().take(key, limits);
    store().take(key, limits);
    Probe full = store().peek(key, limits);
    assertThat(full.allowed()).isFalse();
    assertThat(full.nanosToWait()).isBetween(29_000_000_000L, 30_000_000_000L);
  }

  @Test
  void tokensComeBackSteadily() throws InterruptedException {
    Limits limits = Limits.parse("test", "4/1s");
    for (int i = 0; i < 4; i++) {
      assertThat(store().take(key, limits).allowed()).isTrue();
    }
    Probe refused = store().take(key, limits);
    assertThat(refused.allowed()).isFalse();
    assertThat(refused.nanosToWait()).isBetween(1L, 250_000_000L);
    // The refill runs on the store's own clock (Redis's, for the Redis store), which a test
    // cannot move: the wait is real, and it is the one the refusal announced (and a
    // millisecond for rounding), so that the announcement is checked too.
    TimeUnit.NANOSECONDS.sleep(refused.nanosToWait() + 1_000_000);
    assertThat(store().take(key, limits).allowed()).isTrue();
  }

  @Test
  void aRaisedLimitKeepsWhatWasUsed() {
    store().take(key, Limits.parse("test", "3/1m"));
    store().take(key, Limits.parse("test", "3/1m"));
    Probe moved = store().take(key, Limits.parse("test", "10/1m"));
    assertThat(moved.available()).containsExactly(7);
  }

  @Test
  void aLoweredLimitKeepsNoMoreThanItsCount() {
    Limits before = Limits.parse("test", "10/1m");
    for (int i = 0; i < 8; i++) {
      store().take(key, before);
    }
    assertThat(store().take(key, Limits.parse("test", "3/1m")).available()).containsExactly(1);
    for (int i = 0; i < 8; i++) {
      store().take(key + ":2", before);
    }
    assertThat(store().peek(key + ":2", Limits.parse("test", "1/1m")).available()).containsExactly(1);
  }

  @Test
  void keysDoNotShareACount() {
    Limits limits = Limits.parse("test", "1/1m");
    assertThat(store().take(key + ":a", limits).allowed()).isTrue();
    assertThat(store().take(key + ":a", limits).allowed()).isFalse();
    assertThat(store().take(key + ":b", limits).allowed()).isTrue();
  }
}
