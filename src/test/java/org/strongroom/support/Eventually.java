package org.strongroom.support;

import java.time.Duration;
import java.util.function.BooleanSupplier;
import java.util.function.Supplier;

import org.opentest4j.AssertionFailedError;

/**
 * Waits for a condition by polling it against a deadline, instead of sleeping a fixed time and
 * hoping the server has caught up: fast when it has, patient on a slow machine.
 */
public final class Eventually {

  private static final Duration POLL = Duration.ofMillis(20);

  private Eventually() {}

  /** Polls until the condition holds; fails naming what was awaited when the deadline passes. */
  public static void until(Duration timeout, String what, BooleanSupplier condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (!condition.getAsBoolean()) {
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionFailedError("waited " + timeout + " for " + what);
      }
      pause();
    }
  }

  /** Polls until the supplied value satisfies the condition and returns that value. */
  public static <T> T until(Duration timeout, String what, Supplier<T> value, java.util.function.Predicate<T> condition) {
    long deadline = System.nanoTime() + timeout.toNanos();
    while (true) {
      T current = value.get();
      if (condition.test(current)) {
        return current;
      }
      if (System.nanoTime() - deadline > 0) {
        throw new AssertionFailedError("waited " + timeout + " for " + what + "; last: " + current);
      }
      pause();
    }
  }

  private static void pause() {
    try {
      Thread.sleep(POLL.toMillis());
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new AssertionFailedError("interrupted while waiting");
    }
  }
}
