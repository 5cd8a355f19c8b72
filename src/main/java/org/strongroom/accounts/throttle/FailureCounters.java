package org.strongroom.accounts.throttle;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;

/**
 * Login failure counters and lockouts, per key ({@code account:…} or {@code address:…}).
 * In memory on one server ({@link InMemoryFailureCounters}); a shared store (Redis) can
 * replace it so that every server sees the same lockouts.
 */
interface FailureCounters {

  /** How many failures within how long lock a key, and how long the first lockout lasts. */
  record Policy(int maxFailures, Duration window, Duration lockout, Duration maxLockout) {

    /** The n-th lockout in a row lasts {@code lockout × 2^(n-1)}, at most {@code maxLockout}. */
    Duration lockoutNumber(int n) {
      Duration duration = lockout;
      for (int i = 1; i < n && duration.compareTo(maxLockout) < 0; i++) {
        duration = duration.multipliedBy(2);
      }
      return duration.compareTo(maxLockout) > 0 ? maxLockout : duration;
    }
  }

  /** When the key's current lockout ends, if it is locked now. */
  Optional<Instant> lockedUntil(String key, Instant now);

  /** Counts a failure; returns the end of the lockout if this failure started one. */
  Optional<Instant> recordFailure(String key, Instant now, Policy policy);

  /** Forgets the key's failures and past lockouts (after a successful login). */
  void reset(String key);
}
