package org.strongroom.accounts.throttle;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;

import org.junit.jupiter.api.Test;

class InMemoryFailureCountersTests {

  static final FailureCounters.Policy POLICY =
      new FailureCounters.Policy(5, Duration.ofMinutes(15), Duration.ofMinutes(15), Duration.ofHours(24));
  static final Instant T0 = Instant.parse("2026-01-01T00:00:00Z");

  @Test
  void fiveFailuresWithinTheWindowLock() {
    InMemoryFailureCounters counters = new InMemoryFailureCounters(100);
    for (int i = 0; i < 4; i++) {
      assertThat(counters.recordFailure("k", T0.plusSeconds(i), POLICY)).isEmpty();
    }
    assertThat(counters.recordFailure("k", T0.plusSeconds(4), POLICY)).contains(T0.plusSeconds(4).plus(Duration.ofMinutes(15)));
    assertThat(counters.lockedUntil("k", T0.plusSeconds(5))).isPresent();
    assertThat(counters.lockedUntil("other", T0.plusSeconds(5))).isEmpty();
  }

  @Test
  void failuresOlderThanTheWindowDoNotCount() {
    InMemoryFailureCounters counters = new InMemoryFailureCounters(100);
    for (int i = 0; i < 10; i++) {
      assertThat(counters.recordFailure("k", T0.plus(Duration.ofMinutes(4L * i)), POLICY)).isEmpty();
    }
  }

  @Test
  void repeatedLockoutsDoubleUpToTheMaximum() {
    assertThat(POLICY.lockoutNumber(1)).isEqualTo(Duration.ofMinutes(15));
    assertThat(POLICY.lockoutNumber(2)).isEqualTo(Duration.ofMinutes(30));
    assertThat(POLICY.lockoutNumber(4)).isEqualTo(Duration.ofHours(2));
    assertThat(POLICY.lockoutNumber(30)).isEqualTo(Duration.ofHours(24));
  }

  @Test
  void aLongQuietSpellForgetsPastLockouts() {
    InMemoryFailureCounters counters = new InMemoryFailureCounters(100);
    Instant t = T0;
    for (int round = 0; round < 2; round++) {
      for (int i = 0; i < 5; i++) {
        counters.recordFailure("k", t, POLICY);
      }
      t = t.plus(Duration.ofHours(1));
    }
    t = t.plus(Duration.ofDays(2));
    for (int i = 0; i < 4; i++) {
      counters.recordFailure("k", t, POLICY);
    }
    assertThat(counters.recordFailure("k", t, POLICY)).contains(t.plus(Duration.ofMinutes(15)));
  }

  @Test
  void resetForgetsAndTheTableStaysBounded() {
    InMemoryFailureCounters counters = new InMemoryFailureCounters(3);
    for (int i = 0; i < 5; i++) {
      counters.recordFailure("k", T0, POLICY);
    }
    counters.reset("k");
    assertThat(counters.lockedUntil("k", T0)).isEmpty();
    for (int i = 0; i < 1000; i++) {
      counters.recordFailure("spray" + i, T0, POLICY);
    }
    assertThat(counters.lockedUntil("spray999", T0)).isEmpty();
  }
}
