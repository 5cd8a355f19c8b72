package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicLong;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.strongroom.support.RequiresRedis;

/**
 * The Redis script answers as the in-memory buckets do, counts exactly under races, and expires.
 * Leases and refusals are timed by the real clock plus {@code skipped}, which the tests move
 * forward instead of waiting out a lifetime.
 */
@RequiresRedis
class RedisBucketStoreTests extends BucketStoreContract {

  final AtomicLong skipped = new AtomicLong();
  final RedisBucketStore store = new RedisBucketStore(RequiresRedis.URL, () -> System.nanoTime() + skipped.get());

  @Override
  BucketStore store() {
    return store;
  }

  @AfterEach
  void close() {
    store.close();
  }

  @Test
  void concurrentRequestsThroughTwoStoresAreCountedExactly() throws Exception {
    List<Long> counts = countsAllowedThroughTwoStores(Limits.parse("test", "25/1m"), 200);
    // Exactly 25 allowed, each told its own count (tokens that refilled in the meantime aside).
    assertThat(counts).hasSize(25).doesNotHaveDuplicates();
  }

  /** What each allowed request was told it has left, of {@code requests} racing through two stores in turn. */
  private List<Long> countsAllowedThroughTwoStores(Limits limits, int requests) throws Exception {
    try (RedisBucketStore other = new RedisBucketStore(RequiresRedis.URL)) {
      List<Callable<Probe>> racing = new ArrayList<>();
      for (int i = 0; i < requests; i++) {
        BucketStore through = i % 2 == 0 ? store : other;
        racing.add(() -> through.take(key, limits));
      }
      List<Long> counts = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        for (Future<Probe> answer : pool.invokeAll(racing)) {
          Probe probe = answer.get();
          if (probe.allowed()) {
            counts.add(probe.available()[0]);
          }
        }
      } finally {
        pool.shutdownNow();
      }
      return counts;
    }
  }

  @Test
  void callersDecidedInOneCallEachGetTheirOwnAnswer() throws Exception {
    // Callers with one band and with two race through two stores, so that calls carry several
    // keys of each kind: each caller is counted exactly, and told its own bands.
    Limits oneBand = Limits.parse("test", "10/1h");
    Limits twoBands = Limits.parse("test", "1000/1m,7/1h");
    try (RedisBucketStore other = new RedisBucketStore(RequiresRedis.URL)) {
      List<String> callers = new ArrayList<>();
      List<Callable<Probe>> requests = new ArrayList<>();
      for (int i = 0; i < 400; i++) {
        String caller = key + ":" + (i % 8);
        Limits limits = i % 8 < 4 ? oneBand : twoBands;
        BucketStore through = i % 3 == 0 ? other : store;
        callers.add(caller);
        requests.add(() -> through.take(caller, limits));
      }
      Map<String, List<Long>> counts = new HashMap<>();
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        List<Future<Probe>> answers = pool.invokeAll(requests);
        for (int i = 0; i < answers.size(); i++) {
          Probe probe = answers.get(i).get();
          int bands = i % 8 < 4 ? 1 : 2;
          assertThat(probe.available()).hasSize(bands);
          if (probe.allowed()) {
            counts.computeIfAbsent(callers.get(i), c -> new ArrayList<>()).add(probe.available()[bands - 1]);
          } else {
            assertThat(probe.nanosToWait()).isPositive();
          }
        }
      } finally {
        pool.shutdownNow();
      }
      for (int c = 0; c < 8; c++) {
        List<Long> left = counts.get(key + ":" + c);
        assertThat(left).as("caller %d", c).hasSize(c < 4 ? 10 : 7).doesNotHaveDuplicates();
        assertThat(left).as("caller %d", c).containsExactlyInAnyOrderElementsOf(
            c < 4 ? List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L, 7L, 8L, 9L) : List.of(0L, 1L, 2L, 3L, 4L, 5L, 6L));
      }
    }
  }

  @Test
  void aBusyCallersLeaseServesItsNextRequestsAndGivesBackWhatItDidNotUse() throws Exception {
    Limits limits = Limits.parse("test", "100000/999d"); // leasable; refills 1 token in 14 minutes
    try (RedisBucketStore look = new RedisBucketStore(RequiresRedis.URL)) { // holds no lease
      assertThat(store.take(key, limits).available()).containsExactly(99_999);
      // Decided again within a lifetime: this call also leases 4 tokens, counted after the request.
      assertThat(store.take(key, limits).available()).containsExactly(99_998);
      assertThat(look.peek(key, limits).available()).containsExactly(99_994);
      // The next request is one of the lease's: Redis does not hear of it.
      assertThat(store.take(key, limits).available()).containsExactly(99_997);
      assertThat(look.peek(key, limits).available()).containsExactly(99_994);
      // Looking through the store that holds the lease counts its tokens.
      assertThat(store.peek(key, limits).available()).containsExactly(99_997);

      skipped.addAndGet(Leases.lifetime(limits));
      // The lease ended with 3 tokens: they go back with the next call, before its request.
      assertThat(store.take(key, limits).available()).containsExactly(99_996);
      assertThat(look.peek(key, limits).available()).containsExactly(99_996);
    }
  }

  @Test
  void theDefaultLimitsAreLeasedAFewRequestsAtATime() {
    Limits limits = Limits.parse("test", "100/1m,5000/1h"); // the authenticated default: leases of up to 6
    for (int i = 1; i <= 5; i++) {
      assertThat(store.take(key, limits).available()).containsExactly(100 - i, 5000 - i);
    }
    // The second request leased 4 ahead; the fifth was the third of them, so the lease holds one.
    try (RedisBucketStore look = new RedisBucketStore(RequiresRedis.URL)) {
      assertThat(look.peek(key, limits).available()).containsExactly(94, 4994);
    }
    assertThat(store.peek(key, limits).available()).containsExactly(95, 4995);
  }

  @Test
  void anotherStoresLeaseRefusesACallerEarlyAtMostItsTokensAndOnlyUntilItEnds() throws Exception {
    Limits limits = Limits.parse("test", "60/999d"); // leases of 3, as the anonymous default; no refill meanwhile
    try (RedisBucketStore other = new RedisBucketStore(RequiresRedis.URL, () -> System.nanoTime() + skipped.get())) {
      // This store: decided, then decided again with 3 tokens leased ahead, one of them used.
      for (int i = 0; i < 3; i++) {
        assertThat(store.take(key, limits).allowed()).isTrue();
      }
      // Redis counted 5, so the other store allows 55 (its own leases included), then refuses:
      // early, as this store still holds 2, at most the largest lease.
      int allowed = 0;
      while (other.take(key, limits).allowed()) {
        allowed++;
      }
      assertThat(allowed).isEqualTo(55);
      assertThat(2).isLessThanOrEqualTo(Leases.largest(limits));

      // The lease ends: its 2 tokens go back with this store's next call, so one request is
      // allowed here and the last one through the other store, once its remembered refusal ended.
      skipped.addAndGet(Leases.lifetime(limits));
      assertThat(store.take(key, limits).available()).containsExactly(1);
      assertThat(other.take(key, limits).available()).containsExactly(0);
      // 3 + 55 + 1 + 1: never more than the limit.
      assertThat(store.take(key, limits).allowed()).isFalse();
      assertThat(other.take(key, limits).allowed()).isFalse();
    }
  }

  @Test
  void leasesOfTheDefaultsAreUsedUpAndNotWastedWhileExactlyTheLimitIsAllowedThroughTwoStores() throws Exception {
    // Alternating requests at the anonymous default's lease size, until refused: exactly the
    // limit, with no lease left holding tokens at the end (the Redis count is 0).
    Limits limits = Limits.parse("test", "60/999d");
    try (RedisBucketStore other = new RedisBucketStore(RequiresRedis.URL);
        RedisBucketStore look = new RedisBucketStore(RequiresRedis.URL)) {
      int allowed = 0;
      List<Boolean> answers = new ArrayList<>();
      for (int i = 0; i < 61; i++) {
        boolean yes = (i % 2 == 0 ? store : other).take(key, limits).allowed();
        answers.add(yes);
        allowed += yes ? 1 : 0;
      }
      assertThat(allowed).isEqualTo(60);
      assertThat(answers.get(60)).isFalse();
      assertThat(look.peek(key, limits).available()).containsExactly(0);
    }
  }

  @Test
  void aCallerRefusedAtRedisIsRefusedHereUntilATokenIsDue() throws Exception {
    Limits limits = Limits.parse("test", "2/1m"); // too small to lease
    store.take(key, limits);
    store.take(key, limits);
    Probe refused = store.take(key, limits);
    assertThat(refused.allowed()).isFalse();
    try (RedisBucketStore other = new RedisBucketStore(RequiresRedis.URL)) {
      // Tokens come back at Redis early (as when another instance's lease ends): Redis would
      // allow one now, this store still refuses for the rest of the wait it was told, at most a second.
      try (RedisClient client = RedisClient.create(RequiresRedis.URL);
          StatefulRedisConnection<String, String> connection = client.connect()) {
        connection.sync().del(RedisBucketStore.KEY_PREFIX + key);
      }
      Probe again = store.take(key, limits);
      assertThat(again.allowed()).as("refused without asking Redis").isFalse();
      assertThat(again.nanosToWait()).isPositive().isLessThanOrEqualTo(refused.nanosToWait());
      assertThat(other.take(key, limits).allowed()).as("Redis itself allows it").isTrue();
      skipped.addAndGet(Leases.MAX_REFUSAL_NANOS);
      assertThat(store.take(key, limits).allowed()).as("asked again after a second").isTrue();
    }
  }

  @Test
  void noLeaseIsGrantedThatWouldLeaveABandLessThanHalfFull() throws Exception {
    Limits limits = Limits.parse("test", "1000/999d"); // leases of up to 62
    for (int i = 0; i < 497; i++) {
      assertThat(store.take(key, limits).allowed()).isTrue();
    }
    skipped.addAndGet(Leases.lifetime(limits));
    // The last lease ended: what it held goes back with this request, which leaves 502.
    assertThat(store.take(key, limits).available()).containsExactly(502);
    // Decided again within a lifetime, but a lease of 4 would leave 497 of 1000: none.
    assertThat(store.take(key, limits).available()).containsExactly(501);
    try (RedisBucketStore look = new RedisBucketStore(RequiresRedis.URL)) {
      assertThat(look.peek(key, limits).available()).containsExactly(501);
    }
  }

  @Test
  void leasedCallersAreCountedExactlyAtTheEdgeThroughTwoStores() throws Exception {
    // 1000 per band: leases of up to 15 while at least 500 are left, every request decided at
    // Redis below that. 1300 racing requests: exactly 1000 allowed, each told its own count.
    List<Long> counts = countsAllowedThroughTwoStores(Limits.parse("test", "1000/999d"), 1300);
    List<Long> every = new ArrayList<>();
    for (long left = 0; left < 1000; left++) {
      every.add(left);
    }
    assertThat(counts).containsExactlyInAnyOrderElementsOf(every);
  }

  @Test
  void aLeaseHeldWhenTheCallersLimitsChangeIsDropped() {
    Limits before = Limits.parse("test", "100000/999d");
    store.take(key, before);
    store.take(key, before); // leases 4
    // A superuser's override: the lease's tokens stay used (Redis would not take them back
    // under other limits), and the request is decided at Redis under the new limits.
    assertThat(store.take(key, Limits.parse("test", "200000/999d")).available()).containsExactly(199_993);
  }

  @Test
  void aKeyIsKeptUntilItsBandsAreFullAgainAndNoLonger() {
    Limits limits = Limits.parse("test", "4/1m,100/1h");
    store.take(key, limits);
    try (RedisClient client = RedisClient.create(RequiresRedis.URL);
        StatefulRedisConnection<String, String> connection = client.connect()) {
      RedisCommands<String, String> redis = connection.sync();
      // The hourly band refills its one request in 36 s, the minute band in 15 s; then 10 s more.
      assertThat(redis.pttl(RedisBucketStore.KEY_PREFIX + key)).isBetween(45_000L, 46_000L);
      assertThat(redis.type(RedisBucketStore.KEY_PREFIX + key)).isEqualTo("string");
      // What is stored: 3 and 99 tokens left, and looking at them does not drop the key.
      assertThat(store.peek(key, limits).available()).containsExactly(3, 99);
      assertThat(redis.pttl(RedisBucketStore.KEY_PREFIX + key)).isPositive();
    }
  }

  @Test
  void aRedisThatForgotTheScriptIsSentItAgain() {
    Limits limits = Limits.parse("test", "3/1m");
    store.take(key, limits);
    try (RedisClient client = RedisClient.create(RequiresRedis.URL);
        StatefulRedisConnection<String, String> connection = client.connect()) {
      connection.sync().scriptFlush();
    }
    assertThat(store.take(key, limits).available()).containsExactly(1);
  }
}
