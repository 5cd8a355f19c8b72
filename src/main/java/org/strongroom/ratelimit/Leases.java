package org.strongroom.ratelimit;

import java.util.HashMap;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens that a busy caller's Redis call took ahead, so that its next requests at this
 * instance are allowed without a round trip of their own; and refusals Redis answered, so that
 * a caller over its limit is refused here until a token is due, without asking again. Redis
 * counts a lease as used when it grants it, so no instance ever allows more than the limit;
 * tokens a lease still holds when it ends ({@link #lifetime}) are given back with the next call.
 *
 * <p>A lease lives {@link #REACH} times as long as the caller's fastest band takes to refill
 * it, at least {@link #LIFETIME_NANOS} and at most {@link #MAX_LIFETIME_NANOS} ({@link #lifetime}):
 * at exactly its limit's rate a caller would use a lease up in one refill time, so a lease that
 * lived only that long could never be used up by a caller within its limit, who would then pay
 * a round trip for most requests (the default limits with many callers each within them). With
 * the longer life a caller at a quarter of its limit's rate or more still uses its lease.
 *
 * <p>What a lease costs: while one instance holds tokens it has not used, another instance may
 * be refused a request the caller had left. The bound, for limits whose smallest band holds N
 * requests: each instance holds at most N/16 of every band ({@link #largest}), given back at its
 * first call to Redis after the lease's lifetime (an instance that makes none gives them back
 * never, and they refill as used tokens do), and granted only while every band keeps at least
 * half its capacity after the lease ({@code token-bucket.lua}). So with I instances a caller may
 * be refused at most (I - 1) x N/16 requests early, and only when it went from half a band to
 * empty within one lease's lifetime; with the default 100/1m,5000/1h that is 6 requests per
 * other instance, within 10 s of a lease (60/1m,1000/1h: 3). Near the limit every request is
 * decided at Redis, so the count is exact there.
 * <ul>
 *   <li>limits whose smallest band holds fewer than 32 requests (the login limit, 10/1m) are
 *       never leased;</li>
 *   <li>only a caller decided at Redis (or whose lease was used up) less than a lifetime ago
 *       asks for a lease, so a caller that comes rarely costs nothing more; its lease starts at {@link #MIN_SIZE} (or the
 *       largest, if smaller) and doubles each time it is used up within half its lifetime (so
 *       that the caller would use the doubled one up within a whole lifetime), up to
 *       {@link #largest}, never more than {@link #MAX_SIZE}.</li>
 * </ul>
 *
 * <p>A refusal is kept for what Redis said the caller must wait, at most
 * {@link #MAX_REFUSAL_NANOS}: a request of that caller meanwhile is refused here. It can only
 * refuse early (another instance may give back a lease's tokens meanwhile), never allow more.
 *
 * <p>Not thread-safe: the store's lock guards it.
 */
final class Leases {

  /** The shortest lifetime of a lease: large limits refill their tokens in less. */
  static final long LIFETIME_NANOS = 100_000_000L;
  /** The longest lifetime of a lease: slow bands would keep their tokens from other instances longer. */
  static final long MAX_LIFETIME_NANOS = 10_000_000_000L;
  /** The longest a refusal answered by Redis is repeated here without asking again. */
  static final long MAX_REFUSAL_NANOS = 1_000_000_000L;
  static final int MIN_SIZE = 4;
  static final int MAX_SIZE = 64;
  /** A lease lives this many times as long as its fastest band takes to refill it. */
  static final int REACH = 4;
  /** A lease is at most this share of the smallest band's capacity. */
  static final int SHARE = 16;
  /** Smaller leases than this are not worth one: bands under 2 x {@link #SHARE} are never leased. */
  private static final int SMALLEST_LEASE = 2;
  /** Keys remembered at most; the oldest lease gives its tokens back early when more come. */
  static final int MAX_KEYS = 10_000;

  /** Tokens a lease that ended still held, to be given back to Redis. */
  interface Refunds {
    void refund(String key, Limits limits, int tokens);
  }

  private final Map<String, Lease> byKey = new HashMap<>();
  /**
   * The same leases by lifetime, each queue in order of expiry: all leases in a queue live as
   * long, and a renewed one moves to its end. One queue per configuration of limits in use.
   */
  private final Map<Long, LinkedHashMap<String, Lease>> queues = new HashMap<>();

  /** The largest lease these limits allow; 0 when they are too small to be leased. */
  static int largest(Limits limits) {
    long smallest = Long.MAX_VALUE;
    for (Band band : limits.bands()) {
      smallest = Math.min(smallest, band.count());
    }
    long share = smallest / SHARE;
    return share < SMALLEST_LEASE ? 0 : (int) Math.min(MAX_SIZE, share);
  }

  /**
   * How long a lease under these limits lives: {@link #REACH} times as long as the fastest of
   * the bands takes to refill the largest lease (limits too small to lease: one token's refill,
   * the longest a refusal is kept), within {@link #LIFETIME_NANOS} and {@link #MAX_LIFETIME_NANOS}.
   * The same for every lease of these limits, whatever its size, so that each limits' leases end
   * in the order they began.
   */
  static long lifetime(Limits limits) {
    int largest = largest(limits);
    long size = largest > 0 ? (long) REACH * largest : 1;
    double fastest = Double.MAX_VALUE;
    for (Band band : limits.bands()) {
      // In milliseconds first: the longest period the bands allow overflows a long of nanoseconds.
      fastest = Math.min(fastest, band.period().toMillis() * 1e6 / band.count() * size);
    }
    return (long) Math.max(LIFETIME_NANOS, Math.min(MAX_LIFETIME_NANOS, fastest));
  }

  /** Ends the leases whose lifetime is over, handing the tokens they still hold to {@code refunds}. */
  void expire(long now, Refunds refunds) {
    if (byKey.isEmpty()) {
      return; // the common case of a server without busy callers: nothing to look at, nothing allocated
    }
    for (LinkedHashMap<String, Lease> queue : queues.values()) {
      Iterator<Map.Entry<String, Lease>> oldestFirst = queue.entrySet().iterator();
      while (oldestFirst.hasNext()) {
        Map.Entry<String, Lease> oldest = oldestFirst.next();
        if (oldest.getValue().expires - now > 0) {
          break;
        }
        oldestFirst.remove();
        end(oldest.getKey(), oldest.getValue(), refunds);
      }
    }
    while (byKey.size() > MAX_KEYS) {
      endFirstToExpire(refunds);
    }
    queues.values().removeIf(Map::isEmpty);
  }

  private void end(String key, Lease lease, Refunds refunds) {
    byKey.remove(key);
    if (lease.tokens > 0) {
      refunds.refund(key, lease.limits, lease.tokens);
    }
  }

  private void endFirstToExpire(Refunds refunds) {
    Map.Entry<String, Lease> first = null;
    LinkedHashMap<String, Lease> firstQueue = null;
    for (LinkedHashMap<String, Lease> queue : queues.values()) {
      if (!queue.isEmpty()) {
        Map.Entry<String, Lease> head = queue.entrySet().iterator().next();
        if (first == null || head.getValue().expires - first.getValue().expires < 0) {
          first = head;
          firstQueue = queue;
        }
      }
    }
    firstQueue.remove(first.getKey());
    end(first.getKey(), first.getValue(), refunds);
  }

  /** Forgets a key's lease without giving its tokens back (its limits changed: Redis would not take them). */
  private void drop(String key, Lease lease) {
    byKey.remove(key);
    queues.get(lease.lifetime).remove(key);
  }

  /**
   * The refusal Redis answered {@code key} less than its wait ago, under these limits: refused
   * for the rest of that wait, told the requests it had left; null when there is none.
   */
  Probe refused(String key, Limits limits, long now) {
    Lease lease = byKey.get(key);
    if (lease == null || lease.refusedUntil - now <= 0 || lease.limits.version() != limits.version()) {
      return null;
    }
    return new Probe(false, lease.refusedUntil - now, lease.refusedLeft);
  }

  /**
   * Allows one request of {@code key} from its lease: the whole requests left per band, as
   * Redis answered when it granted the lease plus the tokens the lease still holds; null when
   * the key holds no lease with tokens under these limits.
   */
  long[] take(String key, Limits limits, long now) {
    Lease lease = byKey.get(key);
    if (lease == null || lease.tokens == 0 || lease.expires - now <= 0) {
      return null;
    }
    if (lease.limits.version() != limits.version()) {
      drop(key, lease); // the caller's limits changed: Redis would not take these tokens back
      return null;
    }
    lease.tokens--;
    if (lease.tokens == 0) {
      if (lease.expires - now >= lease.lifetime / 2) {
        lease.size = Math.min(2 * lease.size, largest(limits)); // used up fast enough for twice as many
      }
      // It holds nothing now, so the caller may count as recently decided for a lifetime from
      // here at no cost to other instances: its next call asks for a lease again, even when it
      // comes more than a lifetime after this lease was granted.
      queues.get(lease.lifetime).remove(key);
      lease.expires = now + lease.lifetime;
      queues.computeIfAbsent(lease.lifetime, lifetime -> new LinkedHashMap<>()).put(key, lease);
    }
    long[] available = new long[lease.left.length];
    for (int i = 0; i < available.length; i++) {
      available[i] = lease.left[i] + lease.tokens;
    }
    return available;
  }

  /**
   * How many tokens a call deciding {@code key} should ask to lease: none when its limits are
   * too small, when it holds tokens already, or when it was not decided within a lifetime.
   */
  int toAsk(String key, Limits limits, long now) {
    Lease lease = running(key, limits, now);
    return lease == null || lease.tokens > 0 ? 0 : Math.min(lease.size, largest(limits));
  }

  /**
   * Records that Redis decided {@code key} ({@code limits} must be leasable), granting
   * {@code leased} tokens ahead, with {@code left} whole requests per band after them.
   */
  void decided(String key, Limits limits, int leased, long[] left, long now, Refunds refunds) {
    Lease lease = renewed(key, limits, now, refunds);
    if (leased > 0) {
      lease.tokens += leased;
      lease.left = left;
    }
  }

  /**
   * Records that Redis refused {@code key} (any limits), saying it must wait {@code nanosToWait}
   * with {@code left} whole requests per band: its requests are refused here for that long, at
   * most {@link #MAX_REFUSAL_NANOS} and at most a lifetime.
   */
  void refusedAt(String key, Limits limits, long nanosToWait, long[] left, long now, Refunds refunds) {
    if (nanosToWait <= 0) {
      return;
    }
    Lease lease = renewed(key, limits, now, refunds);
    lease.refusedUntil = now + Math.min(nanosToWait, Math.min(MAX_REFUSAL_NANOS, lease.lifetime));
    lease.refusedLeft = left;
  }

  /** The key's lease, new or the running one, with a lifetime from {@code now}, at the end of its queue. */
  private Lease renewed(String key, Limits limits, long now, Refunds refunds) {
    Lease lease = byKey.get(key);
    if (lease != null) {
      queues.get(lease.lifetime).remove(key); // put back at the end, the order of expiry
      if (lease.limits.version() != limits.version()) {
        byKey.remove(key);
        lease = null;
      }
    }
    if (lease == null) {
      lease = new Lease(limits);
      byKey.put(key, lease);
    }
    lease.expires = now + lease.lifetime;
    queues.computeIfAbsent(lease.lifetime, lifetime -> new LinkedHashMap<>()).put(key, lease);
    if (byKey.size() > MAX_KEYS) {
      expire(now, refunds);
    }
    return lease;
  }

  /** Whole requests a key's lease still holds (0 without one), for a look that takes nothing. */
  long held(String key, Limits limits, long now) {
    Lease lease = running(key, limits, now);
    return lease == null ? 0 : lease.tokens;
  }

  /** The key's lease (or its mark of a recent decision) while its lifetime runs, under these limits. */
  private Lease running(String key, Limits limits, long now) {
    Lease lease = byKey.get(key);
    return lease != null && lease.expires - now > 0 && lease.limits.version() == limits.version() ? lease : null;
  }

  int size() {
    return byKey.size();
  }

  private static final class Lease {
    final Limits limits;
    final long lifetime;
    int tokens;
    int size;
    long expires;
    long[] left = new long[0];
    long refusedUntil;
    long[] refusedLeft;

    Lease(Limits limits) {
      this.limits = limits;
      this.lifetime = lifetime(limits);
      this.size = Math.min(MIN_SIZE, Math.max(largest(limits), 1));
    }
  }
}
