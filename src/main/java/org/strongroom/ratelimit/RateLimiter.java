package org.strongroom.ratelimit;

import java.time.Clock;
import java.util.List;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicLong;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.Gauge;
import io.micrometer.core.instrument.MeterRegistry;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;

/**
 * Takes one request from a caller's bucket and says what the headers must report. A failure
 * of the Redis backend is logged loudly (at most every {@link #LOG_EVERY_MILLIS} while it
 * lasts, and once when it ends), counted in {@code strongroom.ratelimit.backend.failures}
 * and shown by the gauge {@code strongroom.ratelimit.backend.down}; the request is then
 * served unlimited (fail-open) or refused with 503 (fail-closed).
 */
final class RateLimiter {

  private static final Logger log = LoggerFactory.getLogger(RateLimiter.class);
  private static final long LOG_EVERY_MILLIS = 10_000;

  private final BucketStore store;
  private final RateLimitProperties.RedisFailure onFailure;
  private final Clock clock;
  private final Counter failures;
  private final AtomicBoolean down = new AtomicBoolean();
  private final AtomicLong lastFailureLog = new AtomicLong();

  RateLimiter(BucketStore store, RateLimitProperties.RedisFailure onFailure, Clock clock, MeterRegistry metrics) {
    this.store = store;
    this.onFailure = onFailure;
    this.clock = clock;
    this.failures = Counter.builder("strongroom.ratelimit.backend.failures")
        .description("Rate-limit decisions that could not reach the backend (Redis)").register(metrics);
    Gauge.builder("strongroom.ratelimit.backend.down", down, d -> d.get() ? 1 : 0)
        .description("1 while the rate-limit backend (Redis) is unreachable").register(metrics);
  }

  /** Takes one request from the bucket {@code key}, or refuses it. */
  Decision consume(String key, Limits limits) {
    try {
      Probe probe = store.take(key, limits);
      backendUp();
      return decide(probe, limits);
    } catch (RuntimeException e) {
      return backendDown(e);
    }
  }

  /** Whether the bucket {@code key} would allow one request, without taking it. */
  Decision check(String key, Limits limits) {
    try {
      Probe probe = store.peek(key, limits);
      backendUp();
      return decide(probe, limits);
    } catch (RuntimeException e) {
      return backendDown(e);
    }
  }

  /**
   * Reports the band with the fewest requests left (on a tie, the one that takes longer to
   * refill). Its reset is when it is full again: greedy refill adds COUNT per PERIOD.
   */
  private Decision decide(Probe probe, Limits limits) {
    long[] available = probe.available();
    List<Band> bands = limits.bands();
    long nowMillis = clock.millis();
    int chosen = -1;
    long chosenAvailable = 0;
    double chosenSecondsToFull = 0;
    for (int i = 0; i < bands.size(); i++) {
      Band band = bands.get(i);
      long left = Math.max(0, Math.min(band.count(), available[i]));
      double secondsToFull = secondsToFull(band, left);
      if (chosen < 0 || left < chosenAvailable
          || (left == chosenAvailable && secondsToFull > chosenSecondsToFull)) {
        chosen = i;
        chosenAvailable = left;
        chosenSecondsToFull = secondsToFull;
      }
    }
    Band band = bands.get(chosen);
    long reset = (long) Math.ceil((nowMillis + chosenSecondsToFull * 1000) / 1000.0);
    if (probe.allowed()) {
      return new Decision(Decision.Outcome.ALLOWED, band.count(), chosenAvailable, reset, 0);
    }
    long retryAfter = Math.max(1, (long) Math.ceil(probe.nanosToWait() / 1e9));
    // The reported band may refill later than the next single request is allowed, never earlier.
    reset = Math.max(reset, nowMillis / 1000 + retryAfter);
    return new Decision(Decision.Outcome.REFUSED, band.count(), 0, reset, retryAfter);
  }

  /** Greedy refill adds COUNT per PERIOD: how long a band with {@code left} requests takes to be full. */
  private static double secondsToFull(Band band, long left) {
    return (double) (band.count() - left) / band.count() * band.period().toSeconds();
  }

  private Decision backendDown(RuntimeException e) {
    if (!store.remote()) {
      throw e;
    }
    failures.increment();
    boolean firstFailure = down.compareAndSet(false, true);
    long now = clock.millis();
    long last = lastFailureLog.get();
    if (firstFailure || (now - last >= LOG_EVERY_MILLIS && lastFailureLog.compareAndSet(last, now))) {
      lastFailureLog.set(now);
      log.error("RATE LIMITS: Redis is unreachable ({}); {} until it is back ({} failed decisions so far)",
          e.getMessage(), onFailure == RateLimitProperties.RedisFailure.FAIL_OPEN
              ? "requests are served WITHOUT rate limits (fail-open)"
              : "requests are refused with 503 (fail-closed)", (long) failures.count());
    }
    return onFailure == RateLimitProperties.RedisFailure.FAIL_OPEN ? Decision.UNLIMITED : Decision.UNAVAILABLE;
  }

  private void backendUp() {
    if (down.get() && down.compareAndSet(true, false)) {
      log.warn("RATE LIMITS: Redis is reachable again; rate limits are enforced");
    }
  }
}
