package org.strongroom.ratelimit;

import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.CompletionStage;
import java.util.concurrent.ExecutionException;
import java.util.function.LongSupplier;

/**
 * Buckets in Redis, so that every instance sharing it counts one quota. Each decision is one
 * round trip: a Lua script ({@link TokenBucketScript}) refills, takes and stores the caller's
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
 * <p>A busy caller whose every band holds at least 32 requests (the defaults do) also leases a
 * few tokens ahead, at most 1/16 of its smallest band, while far from its limit, so that its
 * next requests here need no round trip; and a caller Redis refused is refused here until a
 * token is due ({@link Leases}: what that costs in exactness across instances, and how little).
 * Near any limit every request that could be allowed is decided at Redis, so no instance ever
 * allows more than the limit.
 *
 * <p>A request waits for at most two calls, the one at Redis and its own, so a Redis that stops
 * answering costs a request twice the command timeout at most ({@link RedisLink}: the
 * connection, its timeouts and retries; {@link TokenBucketScript}: the script call and its
 * answer).
 *
 * <p>Requests wait for the answer without a time limit of their own: Lettuce's command
 * timeout ends every call. A timed wait costs a virtual thread a scheduled wake-up per request:
 * on JDK 25 it meant two more context switches per request, and the untimed wait served
 * measurably more requests with Redis limits (docs/development/performance.md).
 */
final class RedisBucketStore implements BucketStore, AutoCloseable {

  static final String KEY_PREFIX = TokenBucketScript.KEY_PREFIX;

  private final Calls calls = new Calls();
  /** Guarded by {@code calls}, like the calls. */
  private final Leases leases = new Leases();
  private final Leases.Refunds refunds = this::refund;
  private final RedisLink redis;
  private final TokenBucketScript script;
  /** The time leases are measured by: {@link System#nanoTime}, or a test's. */
  private final LongSupplier nanoTime;

  RedisBucketStore(String url) {
    this(url, System::nanoTime);
  }

  RedisBucketStore(String url, LongSupplier nanoTime) {
    this.redis = new RedisLink(url);
    this.script = new TokenBucketScript(redis);
    this.nanoTime = nanoTime;
  }

  @Override
  public Probe take(String key, Limits limits) {
    long now = nanoTime.getAsLong();
    long[] leased = null;
    Probe refused;
    Entry entry = null;
    int place = 0;
    boolean alone = false;
    Call ready = null;
    synchronized (calls) {
      leases.expire(now, refunds);
      refused = leases.refused(key, limits, now);
      if (refused == null) {
        leased = leases.take(key, limits, now);
      }
      if (refused == null && leased == null) {
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
    if (refused != null) {
      return refused;
    }
    if (leased != null) {
      return new Probe(true, 0, leased);
    }
    if (alone) {
      return probe(only(script.run(List.of(new TokenBucketScript.Request(key, limits, 1, 0, 0)))), 0);
    }
    return probe(await(entry.call.answer).get(entry.index), place);
  }

  /**
   * The answer for the request at {@code place} of a key's entry in a call: the first
   * {@code granted} of that entry are allowed.
   */
  private static Probe probe(TokenBucketScript.Answer answer, int place) {
    if (place < answer.granted()) {
      // Those granted after this one, and the tokens leased after them, were taken too:
      // this request's own count is higher.
      return new Probe(true, 0, answer.leftPlus(answer.leased() + answer.granted() - 1 - place));
    }
    return new Probe(false, answer.microsToWait() * 1000, answer.left());
  }

  @Override
  public Probe peek(String key, Limits limits) {
    // No request: only look.
    TokenBucketScript.Answer answer = only(script.run(List.of(new TokenBucketScript.Request(key, limits, 0, 0, 0))));
    long held;
    synchronized (calls) {
      held = leases.held(key, limits, nanoTime.getAsLong());
    }
    long[] available = answer.leftPlus(held);
    boolean allowed = true;
    for (long left : available) {
      allowed &= left >= 1;
    }
    return new Probe(allowed, answer.microsToWait() * 1000, available);
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
      entry = new Entry(calls.next, limits, calls.next.entries.size());
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

  /**
   * Remembers what Redis answered each caller in a call: a refusal, to repeat here until a token
   * is due; for leasable limits, the decision and the tokens it leased, if any.
   */
  private void leased(Call call, List<TokenBucketScript.Answer> answers) {
    long now = nanoTime.getAsLong();
    synchronized (calls) {
      for (Map.Entry<String, Entry> each : call.entries.entrySet()) {
        Entry entry = each.getValue();
        if (entry.size == 0) {
          continue; // only a refund
        }
        TokenBucketScript.Answer answer = answers.get(entry.index);
        if (answer.granted() < entry.size) {
          leases.refusedAt(each.getKey(), entry.limits, answer.microsToWait() * 1000, answer.left(), now, refunds);
        } else if (Leases.largest(entry.limits) > 0) {
          leases.decided(each.getKey(), entry.limits, (int) answer.leased(), answer.left(), now, refunds);
        }
      }
    }
  }

  /** Sends a call; when Redis has answered it, sends the requests that came meanwhile, if any. */
  private void send(Call first) {
    Call call = first;
    while (call != null) {
      Call sent = call;
      CompletableFuture<List<TokenBucketScript.Answer>> answer = dispatch(sent);
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

  private void settle(Call call, List<TokenBucketScript.Answer> result, Throwable failure) {
    if (failure == null) {
      leased(call, result); // before the waiting requests wake, so that their callers' next find it
    }
    call.complete(result, failure);
  }

  private CompletableFuture<List<TokenBucketScript.Answer>> dispatch(Call call) {
    try {
      List<TokenBucketScript.Request> requests = new ArrayList<>(call.entries.size());
      call.entries.forEach((key, entry) ->
          requests.add(new TokenBucketScript.Request(key, entry.limits, entry.size, entry.lease, entry.refund)));
      return script.run(requests).toCompletableFuture();
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
      return detach(nanoTime.getAsLong());
    }
  }

  /** The answer of a call of one request. */
  private static TokenBucketScript.Answer only(CompletionStage<List<TokenBucketScript.Answer>> answers) {
    return await(answers).get(0);
  }

  private static <T> T await(CompletionStage<T> answer) {
    try {
      return answer.toCompletableFuture().get(); // Lettuce's command timeout bounds the wait
    } catch (ExecutionException e) {
      throw new IllegalStateException("Redis refused the rate-limit decision: "
          + TokenBucketScript.unwrap(e).getMessage(), e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException("Interrupted while waiting for Redis", e);
    }
  }

  /**
   * The requests of one call to Redis, by key: every request that arrived while the previous
   * call was at Redis. Filled under the store's lock until sent, then fixed.
   */
  private static final class Call {
    final Map<String, Entry> entries = new LinkedHashMap<>();
    final CompletableFuture<List<TokenBucketScript.Answer>> answer = new CompletableFuture<>();

    void complete(List<TokenBucketScript.Answer> result, Throwable failure) {
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
    /** Where this key's answer is among the call's answers: the order keys joined in. */
    final int index;
    int size;
    int lease;
    int refund;

    Entry(Call call, Limits limits, int index) {
      this.call = call;
      this.limits = limits;
      this.index = index;
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

  @Override
  public void close() {
    redis.close();
  }
}
