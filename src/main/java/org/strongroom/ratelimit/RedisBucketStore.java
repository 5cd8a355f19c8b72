package org.strongroom.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionException;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisNoScriptException;
import io.lettuce.core.RedisURI;
import io.lettuce.core.ScriptOutputType;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

/**
 * Buckets in Redis, so that every instance sharing it counts one quota. Each decision is one
 * round trip: a Lua script ({@code token-bucket.lua}) refills, takes and stores the caller's
 * bands atomically, with Redis's clock, so instances whose clocks differ still agree.
 *
 * <p>Why our own script rather than Bucket4j's Lettuce integration, which it replaced: that
 * integration only offers compare-and-swap, a read and then a conditional write (two round
 * trips, and a third pair whenever two requests of one caller race). That cost 41 % of the
 * read path's throughput against the goal of 25 % (docs/benchmarks.md). The script keeps the
 * same greedy token bucket as the in-memory Bucket4j buckets, so both backends answer alike.
 *
 * <p>Requests of one caller that arrive while a call for that caller is at Redis wait for it
 * and then go together, as one call asking for as many tokens: a busy caller costs one round
 * trip per batch instead of one per request (the idea of Bucket4j's batching optimisation).
 * Nothing is decided locally, so the count stays exact across instances, and each request
 * is told its own remaining count.
 *
 * <p>Commands time out after {@link #COMMAND_TIMEOUT} and are refused at once while the
 * connection is down (instead of queueing). A request waits for at most two calls, the one at
 * Redis and its own, so a Redis that stops answering costs a request twice that at most.
 * Lettuce reconnects by itself, and when Redis was down at start-up the first connection is
 * retried here, at most once per {@link #CONNECT_RETRY}. A restarted Redis has forgotten the
 * script: it is sent again in full once.
 *
 * <p>Requests wait for the answer without a time limit of their own: Lettuce's command
 * timeout ends every call. A timed wait costs a virtual thread a scheduled wake-up per request:
 * on JDK 25 it meant two more context switches per request, and the untimed wait served 9–17 %
 * more requests with Redis limits (docs/benchmarks.md).
 */
final class RedisBucketStore implements BucketStore, AutoCloseable {

  /** Strings since the state moved out of hashes, hence a new prefix (the old keys expire). */
  static final String KEY_PREFIX = "strongroom:ratelimit:tb:";
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration CONNECT_RETRY = Duration.ofSeconds(1);
  /** A full bucket is the same as no bucket: keys expire this long after they have refilled. */
  private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);
  private static final String SCRIPT = script();

  private final Batches batches = new Batches();
  private final ClientResources resources;
  private final RedisClient client;
  private volatile StatefulRedisConnection<String, String> connection;
  private volatile RedisAsyncCommands<String, String> commands;
  private volatile String scriptDigest;
  private volatile Instant nextConnectAttempt = Instant.MIN;

  RedisBucketStore(String url) {
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(COMMAND_TIMEOUT);
    this.resources = ClientResources.builder()
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
        .build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
        .build());
  }

  @Override
  public Probe take(String key, Limits limits) {
    Batch batch;
    int place;
    boolean send;
    synchronized (batches) {
      batch = batches.waiting.get(key);
      if (batch != null && batch.limits.version() != limits.version()) {
        batch = null; // the limits changed meanwhile (an override): decided on its own, below
        place = 0;
        send = false;
      } else {
        if (batch == null) {
          batch = new Batch(key, limits);
          batches.waiting.put(key, batch);
        }
        place = batch.size++;
        send = batches.inFlight.add(key);
        if (send) {
          batches.waiting.remove(key);
        }
      }
    }
    if (batch == null) {
      return probe(await(script(key, limits, 1)), limits, 0);
    }
    if (send) {
      send(batch);
    }
    return probe(await(batch.answer), limits, place);
  }

  /** The answer for the request at {@code place} of a call: the first {@code granted} are allowed. */
  private static Probe probe(List<Long> answer, Limits limits, int place) {
    long granted = answer.get(0);
    if (place < granted) {
      // Those granted after this one took tokens too: this request's own count is higher.
      return new Probe(true, 0, available(answer, limits, granted - 1 - place));
    }
    return new Probe(false, answer.get(1) * 1000, available(answer, limits, 0));
  }

  /** Sends a batch; when Redis has answered it, sends the next batch of that key, if any. */
  private void send(Batch batch) {
    CompletionStage<List<Long>> answer;
    try {
      answer = script(batch.key, batch.limits, batch.size);
    } catch (RuntimeException e) {
      answer = CompletableFuture.failedFuture(e);
    }
    answer.whenComplete((result, failure) -> {
      batch.complete(result, failure);
      Batch next;
      synchronized (batches) {
        next = batches.waiting.remove(batch.key);
        if (next == null) {
          batches.inFlight.remove(batch.key);
        }
      }
      if (next != null) {
        send(next);
      }
    });
  }

  @Override
  public Probe peek(String key, Limits limits) {
    List<Long> answer = await(script(key, limits, 0));
    long[] available = available(answer, limits, 0);
    boolean allowed = true;
    for (long left : available) {
      allowed &= left >= 1;
    }
    return new Probe(allowed, answer.get(1) * 1000, available);
  }

  private CompletionStage<List<Long>> script(String key, Limits limits, int wanted) {
    List<Band> bands = limits.bands();
    String[] args = new String[3 + 2 * bands.size()];
    args[0] = Integer.toString(wanted);
    args[1] = Long.toString(limits.version());
    for (int i = 0; i < bands.size(); i++) {
      args[2 + 2 * i] = Long.toString(bands.get(i).count());
      args[3 + 2 * i] = Long.toString(bands.get(i).period().toNanos() / 1000);
    }
    args[args.length - 1] = Long.toString(KEEP_AFTER_REFILL.toMillis());
    RedisAsyncCommands<String, String> redis = commands();
    String[] keys = {KEY_PREFIX + key};
    return redis.<List<Long>>evalsha(scriptDigest, ScriptOutputType.MULTI, keys, args)
        .handle((answer, failure) -> failure == null ? CompletableFuture.completedFuture(answer)
            : unwrap(failure) instanceof RedisNoScriptException
                ? redis.<List<Long>>eval(SCRIPT, ScriptOutputType.MULTI, keys, args)
                : CompletableFuture.<List<Long>>failedFuture(failure))
        .thenCompose(stage -> stage);
  }

  /** Whole requests left per band, as Redis answered, plus {@code extra}. */
  private static long[] available(List<Long> answer, Limits limits, long extra) {
    long[] available = new long[limits.bands().size()];
    for (int i = 0; i < available.length; i++) {
      available[i] = answer.get(2 + i) + extra;
    }
    return available;
  }

  private static List<Long> await(CompletionStage<List<Long>> answer) {
    try {
      return answer.toCompletableFuture().get(); // Lettuce's command timeout bounds the wait
    } catch (ExecutionException e) {
      throw new IllegalStateException("Redis refused the rate-limit decision: " + unwrap(e).getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Redis", e);
    }
  }

  private static Throwable unwrap(Throwable failure) {
    Throwable cause = failure;
    while ((cause instanceof CompletionException || cause instanceof ExecutionException) && cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause;
  }

  /**
   * Requests of one key that wait while an earlier batch of that key is at Redis: sent as one
   * call asking for {@code size} tokens. The first requests to join get the tokens granted.
   */
  private static final class Batch {
    final String key;
    final Limits limits;
    int size; // guarded by the store's batches lock until sent, then fixed
    final CompletableFuture<List<Long>> answer = new CompletableFuture<>();

    Batch(String key, Limits limits) {
      this.key = key;
      this.limits = limits;
    }

    void complete(List<Long> result, Throwable failure) {
      if (failure != null) {
        answer.completeExceptionally(failure);
      } else {
        answer.complete(result);
      }
    }
  }

  /** Keys with a batch at Redis, and the next batch of each, waiting for it. */
  private static final class Batches {
    final Set<String> inFlight = new HashSet<>();
    final Map<String, Batch> waiting = new HashMap<>();
  }

  @Override
  public boolean remote() {
    return true;
  }

  private RedisAsyncCommands<String, String> commands() {
    RedisAsyncCommands<String, String> current = commands;
    return current != null ? current : connect();
  }

  private synchronized RedisAsyncCommands<String, String> connect() {
    if (commands != null) {
      return commands;
    }
    if (Instant.now().isBefore(nextConnectAttempt)) {
      throw new IllegalStateException("Redis is unreachable (next connection attempt in under "
          + CONNECT_RETRY.toMillis() + " ms)");
    }
    nextConnectAttempt = Instant.now().plus(CONNECT_RETRY);
    connection = client.connect();
    RedisAsyncCommands<String, String> opened = connection.async();
    scriptDigest = opened.digest(SCRIPT);
    commands = opened;
    return commands;
  }

  private static String script() {
    try (InputStream in = RedisBucketStore.class.getResourceAsStream("token-bucket.lua")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @Override
  public void close() {
    StatefulRedisConnection<String, String> open = connection;
    if (open != null) {
      open.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
