package org.strongroom.accounts.throttle;

import java.time.Instant;
import java.util.ArrayDeque;
import java.util.Deque;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Optional;

/**
 * {@link FailureCounters} of one server. Bounded: at most {@code maxKeys} keys, the least
 * recently touched dropped first. An attacker cannot flush a lockout that way without first
 * making that many failed attempts, which the per-address lockout itself slows down.
 */
class InMemoryFailureCounters implements FailureCounters {

  private static final class Counter {
    final Deque<Instant> failures = new ArrayDeque<>();
    int lockouts;
    Instant lockedUntil;
    Instant lastFailure;
  }

  private final Map<String, Counter> entries;

  InMemoryFailureCounters(int maxKeys) {
    this.entries = new LinkedHashMap<>(256, 0.75f, true) {
      @Override
      protected boolean removeEldestEntry(Map.Entry<String, Counter> eldest) {
        return size() > maxKeys;
      }
    };
  }

  @Override
  public synchronized Optional<Instant> lockedUntil(String key, Instant now) {
    Counter entry = entries.get(key);
    return entry != null && entry.lockedUntil != null && entry.lockedUntil.isAfter(now)
        ? Optional.of(entry.lockedUntil) : Optional.empty();
  }

  @Override
  public synchronized Optional<Instant> recordFailure(String key, Instant now, Policy policy) {
    Counter entry = entries.computeIfAbsent(key, k -> new Counter());
    // Repeated lockouts double the wait; a long quiet spell starts the count afresh.
    if (entry.lastFailure != null && entry.lastFailure.plus(policy.maxLockout()).plus(policy.window()).isBefore(now)) {
      entry.lockouts = 0;
    }
    entry.lastFailure = now;
    while (!entry.failures.isEmpty() && !entry.failures.peekFirst().isAfter(now.minus(policy.window()))) {
      entry.failures.removeFirst();
    }
    entry.failures.addLast(now);
    if (entry.failures.size() < policy.maxFailures()) {
      return Optional.empty();
    }
    entry.failures.clear();
    entry.lockouts++;
    entry.lockedUntil = now.plus(policy.lockoutNumber(entry.lockouts));
    return Optional.of(entry.lockedUntil);
  }

  @Override
  public synchronized void reset(String key) {
    entries.remove(key);
  }
}
