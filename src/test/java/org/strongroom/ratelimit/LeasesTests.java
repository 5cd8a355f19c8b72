package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which limits are leased, how large a lease grows, and that an ended lease gives back what it held. */
class LeasesTests {

  static final Limits LARGE = Limits.parse("test", "100000/1m");
  static final long T = Leases.LIFETIME_NANOS;

  final Leases leases = new Leases();
  final List<String> refunds = new ArrayList<>();
  final Leases.Refunds refund = (key, limits, tokens) -> refunds.add(key + "=" + tokens);

  @Test
  void onlyLimitsWhoseEveryBandHoldsAtLeast256AreLeased() {
    // The default bands are never leased: each of their requests is decided at Redis.
    assertThat(Leases.largest(Limits.parse("test", "60/1m,1000/1h"))).isZero();
    assertThat(Leases.largest(Limits.parse("test", "100/1m,5000/1h"))).isZero();
    assertThat(Leases.largest(Limits.parse("test", "10/1m"))).isZero();
    assertThat(Leases.largest(Limits.parse("test", "255/1s,100000/1h"))).isZero();
    // At most 1/64 of the smallest band, and never more than 64.
    assertThat(Leases.largest(Limits.parse("test", "256/1m"))).isEqualTo(4);
    assertThat(Leases.largest(Limits.parse("test", "100000/1h,1000/1m"))).isEqualTo(15);
    assertThat(Leases.largest(Limits.parse("test", "999999999/1m"))).isEqualTo(Leases.MAX_SIZE);
  }

  @Test
  void aCallerAsksForALeaseOnlyWhenItWasDecidedWithinALifetimeAndHoldsNoTokens() {
    assertThat(leases.toAsk("k", LARGE, 0)).as("never decided").isZero();
    leases.decided("k", LARGE, 0, new long[] {99_999}, 0, refund);
    assertThat(leases.toAsk("k", LARGE, T - 1)).isEqualTo(Leases.MIN_SIZE);
    assertThat(leases.toAsk("k", LARGE, T)).as("decided a lifetime ago").isZero();
    assertThat(leases.toAsk("k", Limits.parse("test", "200000/1m"), 1)).as("other limits").isZero();

    leases.decided("k", LARGE, 4, new long[] {99_990}, 0, refund);
    assertThat(leases.toAsk("k", LARGE, 1)).as("holds tokens").isZero();
  }

  @Test
  void aLeaseAllowsAsManyRequestsAsItHoldsEachToldItsOwnCount() {
    leases.decided("k", LARGE, 4, new long[] {99_990}, 0, refund);
    assertThat(leases.take("k", LARGE, 1)).containsExactly(99_993);
    assertThat(leases.take("k", LARGE, 2)).containsExactly(99_992);
    assertThat(leases.take("k", LARGE, 3)).containsExactly(99_991);
    assertThat(leases.take("k", LARGE, 4)).containsExactly(99_990);
    assertThat(leases.take("k", LARGE, 5)).as("used up").isNull();
    assertThat(leases.take("other", LARGE, 5)).isNull();
  }

  @Test
  void aLeaseUsedUpInTimeDoublesUpToTheLargest() {
    Limits limits = Limits.parse("test", "1000/1m"); // largest: 15
    List<Integer> asked = new ArrayList<>();
    leases.decided("k", limits, 0, new long[] {999}, 0, refund);
    for (int round = 0; round < 4; round++) {
      int size = leases.toAsk("k", limits, 1);
      asked.add(size);
      leases.decided("k", limits, size, new long[] {500}, 1, refund);
      for (int i = 0; i < size; i++) {
        assertThat(leases.take("k", limits, 2)).isNotNull();
      }
    }
    assertThat(asked).containsExactly(4, 8, 15, 15);
    assertThat(refunds).isEmpty();
  }

  @Test
  void anEndedLeaseGivesBackTheTokensItStillHeld() {
    leases.decided("a", LARGE, 4, new long[] {99_990}, 0, refund);
    leases.decided("b", LARGE, 0, new long[] {99_999}, 10, refund);
    leases.take("a", LARGE, 1);
    leases.expire(T - 1, refund);
    assertThat(refunds).isEmpty();
    assertThat(leases.take("a", LARGE, T)).as("ended").isNull();

    leases.expire(T, refund);
    assertThat(refunds).containsExactly("a=3");
    assertThat(leases.size()).isOne();
    leases.expire(T + 10, refund);
    assertThat(refunds).as("b held none").containsExactly("a=3");
    assertThat(leases.size()).isZero();
  }

  @Test
  void aLeaseUnderOtherLimitsIsDroppedNotUsed() {
    leases.decided("k", LARGE, 4, new long[] {99_990}, 0, refund);
    assertThat(leases.take("k", Limits.parse("test", "200000/1m"), 1)).isNull();
    assertThat(leases.take("k", LARGE, 2)).as("dropped").isNull();
  }

  @Test
  void aFloodOfCallersKeepsTheTableBoundedAndTheOldestGiveBackTheirTokens() {
    for (int i = 0; i < Leases.MAX_KEYS + 100; i++) {
      leases.decided("k" + i, LARGE, 4, new long[] {99_996}, 0, refund);
      assertThat(leases.size()).isLessThanOrEqualTo(Leases.MAX_KEYS);
    }
    assertThat(refunds).hasSize(100).startsWith("k0=4", "k1=4");
    assertThat(leases.take("k" + (Leases.MAX_KEYS + 99), LARGE, 1)).containsExactly(99_999);
  }
}
