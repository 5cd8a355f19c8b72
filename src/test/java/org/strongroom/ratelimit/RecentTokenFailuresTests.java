package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.strongroom.support.MutableClock;

/**
 * An address that failed is remembered for the given time, alone; once nothing is remembered,
 * addresses are answered without the lock, and an address that fails again is remembered again.
 */
class RecentTokenFailuresTests {

  @Test
  void anAddressIsRememberedForTheGivenTimeOnly() {
    MutableClock clock = new MutableClock();
    RecentTokenFailures failures = new RecentTokenFailures(clock, Duration.ofSeconds(60));
    assertThat(failures.failedLately("192.0.2.1")).isFalse();

    failures.failed("192.0.2.1");
    assertThat(failures.failedLately("192.0.2.1")).isTrue();
    assertThat(failures.failedLately("192.0.2.2")).isFalse();

    clock.advance(Duration.ofSeconds(60));
    assertThat(failures.failedLately("192.0.2.1")).as("at the end of the time").isTrue();
    clock.advance(Duration.ofMillis(1));
    assertThat(failures.failedLately("192.0.2.1")).as("after it").isFalse();
    assertThat(failures.failedLately("192.0.2.1")).as("forgotten").isFalse();

    failures.failed("192.0.2.1");
    assertThat(failures.failedLately("192.0.2.1")).as("failed again").isTrue();
  }
}
