package org.strongroom.ratelimit;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
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
 * trips, and a third pair whenever two requests of one caller race), which cost the read path
 * far more than its budget (docs/development/performance.md). The script keeps the
 * same greedy token bucket as the in-memory Bucket4j buckets, so both backends answer alike.
 *
 * <p>One call is at Redis at a time. Requests that arrive meanwhile, of any callers, wait for
 * it and then go together as the next call, each caller's requests asking for as many tokens:
 * a busy server costs one round trip per batch instead of one per request (the idea of
 * Bucket4j's batching optimisation, taken across callers, since a server's load is mostly
 * many callers each far from their limit). Each request is told its own remaining count.
 *
 * <p>A busy caller with large limits (every band at least 256) also leases a few tokens ahead
 * while far from its limit, so that its next requests here need no round trip ({@link Leases}:
 * what that costs in exactness across instances, and how little). With smaller limits, and
 * near any limit, every request is decided at Redis, so the count is exact across instances.
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
 * on JDK 25 it meant two more context switches per request, and the untimed wait served
 * measurably more requests with Redis limits (docs/development/performance.md).
 */
final class RedisBucketStore implements BucketStore, AutoCloseable {

  /** Strings since the state moved out of hashes, hence a new prefix (the old keys expire). */
  static final String KEY_PREFIX = "strongroom:ratelimit:tb:";
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration CONNECT_RETRY = Duration.ofSeconds(1);
  /** A full bucket is the same as no bucket: keys expire this long after they have refilled. */
  private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);
  private static final String SCRIPT = script();

  private final Calls calls = new Calls();
  /** Guarded by {@code calls}, like the calls. */
  private final Leases leases = new Leases();
  private final Leases.Refunds refunds = this::refund;
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
    long now = System.nanoTime();
    long[] leased;
    Entry entry = null;
    int place = 0;
    boolean alone = false;
    Call ready = null;
    synchronized (calls) {
      leases.expire(now, refunds);
      leased = leases.take(key, limits, now);
      if (leased == null) {
        entry = joining(key, limits);
        if (entry == null) {
          alone = true; // the limits changed meanwhile (an override): decided on its own, below
        } else {
          place = entry.size++;
        }
      }
      if (!calls.inFlight && !calls.next.entries.isEmpty()) { // a request, or a lease's refund
        calls.inFlight = true;
        ready = detach(now);
      }
    }
    if (ready != null) {
      send(ready);
    }
    if (leased != null) {
      return new Probe(true, 0, leased);
    }
    if (alone) {
      Entry single = Entry.alone(key, limits, 1);
      return probe(await(script(single.call)), single, limits, 0);
    }
    return probe(await(entry.call.answer), entry, limits, place);
  }

  /**
   * The answer for the request at {@code place} of a key's entry in a call: the first
   * {@code granted} of that entry are allowed.
   */
  private static Probe probe(List<Long> answer, Entry entry, Limits limits, int place) {
    long granted = answer.get(entry.offset);
    if (place < granted) {
      // Those granted after this one, and the tokens leased after them, were taken too:
      // this request's own count is higher.
      long leased = answer.get(entry.offset + 1);
      return new Probe(true, 0, available(answer, entry.offset, limits, leased + granted - 1 - place));
    }
    return new Probe(false, answer.get(entry.offset + 2) * 1000, available(answer, entry.offset, limits, 0));
  }

  /** The call being filled, as the call to send now; asks a lease for each busy caller in it. */
  private Call detach(long now) {
    Call call = calls.next;
    calls.next = new Call();
    for (Map.Entry<String, Entry> each : call.entries.entrySet()) {
      Entry entry = each.getValue();
      entry.lease = entry.size > 0 ? leases.toAsk(each.getKey(), entry.limits, now) : 0;
    }
    return call;
  }

  /**
   * The key's entry in the call being filled, added if it has none; null when it has one under
   * other limits (they changed meanwhile).
   */
  private Entry joining(String key, Limits limits) {
    Entry entry = calls.next.entries.get(key);
    if (entry == null) {
      entry = new Entry(calls.next, limits);
      calls.next.entries.put(key, entry);
    } else if (entry.limits.version() != limits.version()) {
      return null;
    }
    return entry;
  }

  /** Gives back to Redis, with the next call, the tokens of a lease that ended unused. */
  private void refund(String key, Limits limits, int tokens) {
    Entry entry = joining(key, limits);
    if (entry != null) { // else the caller's limits changed: Redis would not take them back
      entry.refund += tokens;
    }
  }

  /** Remembers what Redis answered each leasable caller in a call: the tokens it leased, if any. */
  private void leased(Call call, List<Long> answer) {
    long now = System.nanoTime();
    synchronized (calls) {
      for (Map.Entry<String, Entry> each : call.entries.entrySet()) {
        Entry entry = each.getValue();
        if (entry.size > 0 && Leases.largest(entry.limits) > 0) {
          int leased = answer.get(entry.offset + 1).intValue();
          leases.decided(each.getKey(), entry.limits, leased, available(answer, entry.offset, entry.limits, 0),
              now, refunds);
        }
      }
    }
  }

  /** Sends a call; when Redis has answered it, sends the requests that came meanwhile, if any. */
  private void send(Call first) {
    Call call = first;
    while (call != null) {
      Call sent = call;
      CompletableFuture<List<Long>> answer = dispatch(sent);
      if (!answer.isDone()) {
        answer.whenComplete((result, failure) -> {
          settle(sent, result, failure);
          send(nextCall());
        });
        return;
      }
      // Settled at once (refused while the connection is down): the next call goes from this
      // loop, not from inside this one's callback, so that an outage under load does not nest
      // one sending in another until the stack runs out.
      answer.whenComplete((result, failure) -> settle(sent, result, failure));
      call = nextCall();
    }
  }

  private void settle(Call call, List<Long> result, Throwable failure) {
    if (failure == null) {
      leased(call, result); // before the waiting requests wake, so that their callers' next find it
    }
    call.complete(result, failure);
  }

  private CompletableFuture<List<Long>> dispatch(Call call) {
    try {
      return script(call).toCompletableFuture();
    } catch (RuntimeException e) {
      return CompletableFuture.failedFuture(e);
    }
  }

  /** The requests that came while a call was at Redis, as the next call; null when none did. */
  private Call nextCall() {
    synchronized (calls) {
      if (calls.next.entries.isEmpty()) {
        calls.inFlight = false;
        return null;
      }
      return detach(System.nanoTime());
    }
  }

  @Override
  public Probe peek(String key, Limits limits) {
    Entry look = Entry.alone(key, limits, 0); // no request: only look
    List<Long> answer = await(script(look.call));
    long held;
    synchronized (calls) {
      held = leases.held(key, limits, System.nanoTime());
    }
    long[] available = available(answer, look.offset, limits, held);
    boolean allowed = true;
    for (long left : available) {
      allowed &= left >= 1;
    }
    return new Probe(allowed, answer.get(look.offset + 2) * 1000, available);
  }

  /** One script call deciding every entry of {@code call}; sets each entry's offset in the answer. */
  private CompletionStage<List<Long>> script(Call call) {
    String[] keys = new String[call.entries.size()];
    List<String> args = new ArrayList<>();
    args.add(Long.toString(KEEP_AFTER_REFILL.toMillis()));
    int key = 0;
    int offset = 0;
    for (Map.Entry<String, Entry> each : call.entries.entrySet()) {
      Entry entry = each.getValue();
      List<Band> bands = entry.limits.bands();
      keys[key++] = KEY_PREFIX + each.getKey();
      entry.offset = offset;
      offset += 3 + bands.size();
      args.add(Integer.toString(entry.size));
      args.add(Integer.toString(entry.lease));
      args.add(Integer.toString(entry.refund));
      args.add(Long.toString(entry.limits.version()));
      args.add(Integer.toString(bands.size()));
      for (Band band : bands) {
        args.add(Long.toString(band.count()));
        args.add(Long.toString(band.period().toNanos() / 1000));
      }
    }
    String[] values = args.toArray(String[]::new);
    RedisAsyncCommands<String, String> redis = commands();
    return redis.<List<Long>>evalsha(scriptDigest, ScriptOutputType.MULTI, keys, values)
        .handle((answer, failure) -> failure == null ? CompletableFuture.completedFuture(answer)
            : unwrap(failure) instanceof RedisNoScriptException
                ? redis.<List<Long>>eval(SCRIPT, ScriptOutputType.MULTI, keys, values)
                : CompletableFuture.<List<Long>>failedFuture(failure))
        .thenCompose(stage -> stage);
  }

  /** Whole requests left per band of the entry at {@code offset}, as Redis answered, plus {@code extra}. */
  private static long[] available(List<Long> answer, int offset, Limits limits, long extra) {
    long[] available = new long[limits.bands().size()];
    for (int i = 0; i < available.length; i++) {
      available[i] = answer.get(offset + 3 + i) + extra;
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
   * The requests of one call to Redis, by key: every request that arrived while the previous
   * call was at Redis. Filled under the store's lock until sent, then fixed.
   */
  private static final class Call {
    final Map<String, Entry> entries = new LinkedHashMap<>();
    final CompletableFuture<List<Long>> answer = new CompletableFuture<>();

    void complete(List<Long> result, Throwable failure) {
      if (failure != null) {
        answer.completeExceptionally(failure);
      } else {
        answer.complete(result);
      }
    }
  }

  /**
   * One key's requests in a call, asking for {@code size} tokens (the first to join get them),
   * and for {@code lease} more ahead; {@code refund} tokens of an ended lease go back.
   */
  private static final class Entry {
    final Call call;
    final Limits limits;
    int size;
    int lease;
    int refund;
    int offset; // where this key's answer starts, set when the call is sent

    Entry(Call call, Limits limits) {
      this.call = call;
      this.limits = limits;
    }

    /** One key in a call of its own, asking for {@code wanted} tokens (0: only look). */
    static Entry alone(String key, Limits limits, int wanted) {
      Entry entry = new Entry(new Call(), limits);
      entry.size = wanted;
      entry.call.entries.put(key, entry);
      return entry;
    }
  }

  /** The call being filled, and whether a call is at Redis (then it waits for that one's answer). */
  private static final class Calls {
    Call next = new Call();
    boolean inFlight;
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
