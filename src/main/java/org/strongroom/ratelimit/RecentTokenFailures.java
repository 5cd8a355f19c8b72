package org.strongroom.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.LinkedHashMap;
import java.util.Map;

/**
 * Client addresses whose token failed authentication on this instance lately. Only they are
 * checked against the login limit before their token is looked at, which spares every
 * well-behaved token request a trip to the backend (Redis). With several instances an
 * address locked out by failures elsewhere gets at most one more guess here before this
 * instance knows it too (its 401 is charged to the shared bucket, which refuses it).
 * Bounded like {@link InMemoryBucketStore}, for the same reason.
 */
final class RecentTokenFailures {

  private static final int MAX_ADDRESSES = 10_000;

  private final Clock clock;
  private final long rememberMillis;
  /**
   * How many addresses {@link #until} holds, readable without the lock: every token request
   * asks, and while no address has failed (the usual state) it is answered without taking the
   * lock that all of them would otherwise queue on.
   */
  private volatile int remembered;
  private final Map<String, Long> until = new LinkedHashMap<>(256, 0.75f, true) {
    @Override
    protected boolean removeEldestEntry(Map.Entry<String, Long> eldest) {
      return size() > MAX_ADDRESSES;
    }
  };

  RecentTokenFailures(Clock clock, Duration remember) {
    this.clock = clock;
    this.rememberMillis = remember.toMillis();
  }

  synchronized void failed(String address) {
    until.put(address, clock.millis() + rememberMillis);
    remembered = until.size();
  }

  boolean failedLately(String address) {
    return remembered > 0 && failedLatelyLocked(address);
  }

  private synchronized boolean failedLatelyLocked(String address) {
    Long expires = until.get(address);
    if (expires == null) {
      return false;
    }
    if (expires < clock.millis()) {
      until.remove(address);
      remembered = until.size();
      return false;
    }
    return true;
  }
}
