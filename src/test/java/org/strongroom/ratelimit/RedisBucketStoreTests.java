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

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.sync.RedisCommands;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.strongroom.support.RequiresRedis;

/** The Redis script answers as the in-memory buckets do, counts exactly under races, and expires. */
@RequiresRedis
class RedisBucketStoreTests extends BucketStoreContract {

  final RedisBucketStore store = new RedisBucketStore(RequiresRedis.URL);

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
    try (RedisBucketStore other = new RedisBucketStore(RequiresRedis.URL)) {
      Limits limits = Limits.parse("test", "25/1m");
      List<Callable<Probe>> requests = new ArrayList<>();
      for (int i = 0; i < 200; i++) {
        BucketStore through = i % 2 == 0 ? store : other;
        requests.add(() -> through.take(key, limits));
      }
      List<Long> counts = new ArrayList<>();
      ExecutorService pool = Executors.newFixedThreadPool(16);
      try {
        for (Future<Probe> answer : pool.invokeAll(requests)) {
          Probe probe = answer.get();
          if (probe.allowed()) {
            counts.add(probe.available()[0]);
          }
        }
      } finally {
        pool.shutdownNow();
      }
      // Exactly 25 allowed, each told its own count (tokens that refilled in the meantime aside).
      assertThat(counts).hasSize(25).doesNotHaveDuplicates();
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
