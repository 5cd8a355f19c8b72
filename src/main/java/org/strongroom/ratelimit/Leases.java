package org.strongroom.ratelimit;

import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Tokens that a busy caller's Redis call took ahead, so that its next requests at this
 * instance are allowed without a round trip of their own. Redis counts a lease as used when it
 * grants it, so no instance ever allows more than the limit; tokens a lease still holds when
 * it ends ({@link #LIFETIME_NANOS}) are given back with the next call.
 *
 * <p>What a lease costs: while one instance holds tokens it has not used, another instance may
 * be refused a request the caller had left, for at most the lease's lifetime and at most its
 * size. To keep that out of sight:
 * <ul>
 *   <li>only limits whose every band holds at least {@code 64 * MIN_SIZE} (256) requests are
 *       leased, and a lease is at most 1/64 of the smallest band ({@link #largest}), so the
 *       defaults (60/1m, 100/1m, 10/1m …) are never leased and are decided at Redis one request
 *       at a time;</li>
 *   <li>Redis grants a lease only while every band keeps at least half its capacity after it
 *       ({@code token-bucket.lua}): near the limit every request is decided at Redis;</li>
 *   <li>only a caller decided at Redis less than a lifetime ago asks for one, so a caller that
 *       comes rarely costs nothing more; its lease doubles each time it is used up within its
 *       lifetime, up to {@link #MAX_SIZE}.</li>
 * </ul>
 *
 * <p>Not thread-safe: the store's lock guards it.
 */
final class Leases {

  static final long LIFETIME_NANOS = 100_000_000L;
  static final int MIN_SIZE = 4;
  static final int MAX_SIZE = 64;
  /** A lease is at most this share of the smallest band's capacity. */
  private static final int SHARE = 64;
  /** Keys remembered at most; the oldest lease gives its tokens back early when more come. */
  static final int MAX_KEYS = 10_000;

  /** Tokens a lease that ended still held, to be given back to Redis. */
  interface Refunds {
    void refund(String key, Limits limits, int tokens);
  }

  /** In order of expiry: every lease lives as long, and a renewed one moves to the end. */
  private final Map<String, Lease> byKey = new LinkedHashMap<>();

  /** The largest lease these limits allow; 0 when they are too small to be leased. */
  static int largest(Limits limits) {
    long smallest = Long.MAX_VALUE;
    for (Band band : limits.bands()) {
      smallest = Math.min(smallest, band.count());
    }
    long share = smallest / SHARE;
    return share < MIN_SIZE ? 0 : (int) Math.min(MAX_SIZE, share);
  }

  /** Ends the leases whose lifetime is over, handing the tokens they still hold to {@code refunds}. */
  void expire(long now, Refunds refunds) {
    if (byKey.isEmpty()) {
      return; // the common case with small limits: nothing to look at, nothing allocated
    }
    Iterator<Map.Entry<String, Lease>> oldestFirst = byKey.entrySet().iterator();
    while (oldestFirst.hasNext()) {
      Map.Entry<String, Lease> oldest = oldestFirst.next();
      Lease lease = oldest.getValue();
      if (lease.expires - now > 0 && byKey.size() <= MAX_KEYS) {
        return;
      }
      oldestFirst.remove();
      if (lease.tokens > 0) {
        refunds.refund(oldest.getKey(), lease.limits, lease.tokens);
      }
    }
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
      byKey.remove(key); // the caller's limits changed: Redis would not take these tokens back
      return null;
    }
    lease.tokens--;
    if (lease.tokens == 0) {
      lease.size = Math.min(2 * lease.size, largest(limits)); // used up in time: ask for more
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
    Lease lease = byKey.remove(key); // put back at the end, the order of expiry
    if (lease == null || lease.limits.version() != limits.version()) {
      lease = new Lease(limits);
    }
    if (leased > 0) {
      lease.tokens += leased;
      lease.left = left;
    }
    lease.expires = now + LIFETIME_NANOS;
    byKey.put(key, lease);
    if (byKey.size() > MAX_KEYS) {
      expire(now, refunds);
    }
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
    int tokens;
    int size = MIN_SIZE;
    long expires;
    long[] left = new long[0];

    Lease(Limits limits) {
      this.limits = limits;
    }
  }
}
