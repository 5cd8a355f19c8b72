package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;

/** Which limits are leased, how large a lease grows, and that an ended lease gives back what it held. */
class LeasesTests {

  static final Limits LARGE = Limits.parse("test", "100000/1m");
  /** 4 x 64 tokens' refill at 100000/1m: 153.6 ms. */
  static final long T = Leases.lifetime(LARGE);

  final Leases leases = new Leases();
  final List<String> refunds = new ArrayList<>();
  final Leases.Refunds refund = (key, limits, tokens) -> refunds.add(key + "=" + tokens);

  @Test
  void limitsAreLeasedUpToASixteenthOfTheirSmallestBand() {
    // The defaults are leased, a few requests at a time; the login limit never is.
    assertThat(Leases.largest(Limits.parse("test", "60/1m,1000/1h"))).isEqualTo(3);
    assertThat(Leases.largest(Limits.parse("test", "100/1m,5000/1h"))).isEqualTo(6);
    assertThat(Leases.largest(Limits.parse("test", "10/1m"))).isZero();
    assertThat(Leases.largest(Limits.parse("test", "31/1s,100000/1h"))).isZero();
    assertThat(Leases.largest(Limits.parse("test", "32/1m"))).isEqualTo(2);
    assertThat(Leases.largest(Limits.parse("test", "256/1m"))).isEqualTo(16);
    assertThat(Leases.largest(Limits.parse("test", "100000/1h,1000/1m"))).isEqualTo(62);
    assertThat(Leases.largest(Limits.parse("test", "999999999/1m"))).isEqualTo(Leases.MAX_SIZE);
  }

  @Test
  void aLeaseLivesFourTimesAsLongAsItsFastestBandTakesToRefillTheLargestLease() {
    assertThat(T).isEqualTo(153_600_000L);
    // 32/1s: leases of up to 2, refilled in 62.5 ms.
    assertThat(Leases.lifetime(Limits.parse("test", "32/1s"))).isEqualTo(250_000_000L);
    // The defaults: 100/1m refills 6 requests in 3.6 s, 60/1m 3 in 3 s; four times that is over the longest.
    assertThat(Leases.lifetime(Limits.parse("test", "100/1m,5000/1h"))).isEqualTo(Leases.MAX_LIFETIME_NANOS);
    assertThat(Leases.lifetime(Limits.parse("test", "60/1m,1000/1h"))).isEqualTo(Leases.MAX_LIFETIME_NANOS);
    // Not leased: one token's refill, the longest a refusal of it is kept.
    assertThat(Leases.lifetime(Limits.parse("test", "10/1m"))).isEqualTo(6_000_000_000L);
    assertThat(Leases.lifetime(Limits.parse("test", "999999999/1m"))).isEqualTo(Leases.LIFETIME_NANOS);
    assertThat(Leases.lifetime(Limits.parse("test", "100000/9999d"))).isEqualTo(Leases.MAX_LIFETIME_NANOS);
  }

  @Test
  void aCallerWithinItsDefaultLimitUsesItsLeaseUpWithinItsLifetime() {
    // What the longer life is for: a caller at half its limit's rate (the pace of
    // LIMITS=default bench/ratelimit.sh) uses the largest lease before it ends, so most of its
    // requests need no round trip.
    for (String bands : List.of("60/1m,1000/1h", "100/1m,5000/1h")) {
      Limits limits = Limits.parse("test", bands);
      Band minute = limits.bands().get(0);
      double halfRateNanos = 2.0 * minute.period().toNanos() / minute.count(); // between two requests
      assertThat(Leases.largest(limits) * halfRateNanos).as(bands).isLessThan(Leases.lifetime(limits));
    }
  }

  @Test
  void whatALeaseKeepsFromOtherInstancesIsBounded() {
    // The bound the class promises, over bands from the smallest leased to the largest allowed.
    for (String bands : List.of("32/1s", "60/1m,1000/1h", "100/1m,5000/1h", "1000/1s,50/1m", "5000/1h",
        "999999999/1s", "999999999/9999d,40/1s", "7777/13m,100/1d")) {
      Limits limits = Limits.parse("test", bands);
      long smallest = Long.MAX_VALUE;
      double fastestRefill = Double.MAX_VALUE;
      for (Band band : limits.bands()) {
        smallest = Math.min(smallest, band.count());
        fastestRefill = Math.min(fastestRefill, band.period().toMillis() * 1e6 / band.count());
      }
      int largest = Leases.largest(limits);
      assertThat((long) largest).as(bands).isPositive().isLessThanOrEqualTo(smallest / 16);
      assertThat((double) Leases.lifetime(limits)).as(bands)
          .isLessThanOrEqualTo(Math.max(Leases.LIFETIME_NANOS, Leases.REACH * largest * fastestRefill) + 1)
          .isLessThanOrEqualTo(Leases.MAX_LIFETIME_NANOS);
    }
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
  void aLeaseUsedUpWithinHalfItsLifetimeDoublesUpToTheLargest() {
    Limits limits = Limits.parse("test", "1000/1m"); // largest: 62
    long lifetime = Leases.lifetime(limits);
    List<Integer> asked = new ArrayList<>();
    leases.decided("k", limits, 0, new long[] {999}, 0, refund);
    for (int round = 0; round < 6; round++) {
      int size = leases.toAsk("k", limits, 1);
      asked.add(size);
      leases.decided("k", limits, size, new long[] {500}, 1, refund);
      for (int i = 0; i < size; i++) {
        assertThat(leases.take("k", limits, 1 + lifetime / 2)).isNotNull();
      }
    }
    assertThat(asked).containsExactly(4, 8, 16, 32, 62, 62);
    assertThat(refunds).isEmpty();
  }

  @Test
  void aLeaseUsedUpMoreSlowlyKeepsItsSize() {
    // A caller that would not use twice as many within a lifetime: the same size again, so
    // that its leases do not end holding tokens.
    Limits limits = Limits.parse("test", "1000/1m");
    long lifetime = Leases.lifetime(limits);
    leases.decided("k", limits, 0, new long[] {999}, 0, refund);
    for (int round = 0; round < 3; round++) {
      long start = round * (lifetime / 2 + 10);
      assertThat(leases.toAsk("k", limits, start + 1)).isEqualTo(Leases.MIN_SIZE);
      leases.decided("k", limits, Leases.MIN_SIZE, new long[] {500}, start + 1, refund);
      for (int i = 0; i < Leases.MIN_SIZE; i++) {
        assertThat(leases.take("k", limits, start + 2 + lifetime / 2)).isNotNull();
      }
    }
    assertThat(refunds).isEmpty();
  }

  @Test
  void aCallerThatUsedItsLeaseUpAsksForAnotherUntilALifetimeAfterItsLastToken() {
    // A caller within its limit that takes most of a lifetime to use its lease: its next
    // request, after the lease's lifetime, still asks for one (it holds nothing meanwhile).
    leases.decided("k", LARGE, 4, new long[] {99_990}, 0, refund);
    for (int i = 1; i <= 4; i++) {
      assertThat(leases.take("k", LARGE, T - 5 + i)).isNotNull();
    }
    leases.expire(T + 10, refund);
    assertThat(leases.toAsk("k", LARGE, T + 10)).isEqualTo(Leases.MIN_SIZE);
    assertThat(leases.held("k", LARGE, T + 10)).isZero();
    leases.expire(2 * T - 1, refund);
    assertThat(leases.toAsk("k", LARGE, 2 * T - 2)).as("a lifetime after its last token").isZero();
    assertThat(leases.size()).isZero();
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

  @Test
  void leasesOfLimitsWithOtherLifetimesEachEndOnTime() {
    Limits slow = Limits.parse("test", "100/1m,5000/1h"); // 3.6 s
    leases.decided("slow", slow, 6, new long[] {90, 4990}, 0, refund);
    leases.decided("fast", LARGE, 4, new long[] {99_990}, 1, refund);
    leases.expire(T + 1, refund);
    assertThat(refunds).as("the fast one ended behind the slow one").containsExactly("fast=4");
    assertThat(leases.take("slow", slow, T + 1)).containsExactly(95, 4995);
    leases.expire(Leases.lifetime(slow), refund);
    assertThat(refunds).containsExactly("fast=4", "slow=5");
    assertThat(leases.size()).isZero();
  }

  @Test
  void aRefusalIsRepeatedUntilATokenIsDueAtMostASecond() {
    Limits limits = Limits.parse("test", "100/1m,5000/1h");
    assertThat(leases.refused("k", limits, 0)).as("never refused").isNull();
    leases.refusedAt("k", limits, 400_000_000L, new long[] {0, 4900}, 0, refund);
    Probe probe = leases.refused("k", limits, 100_000_000L);
    assertThat(probe.allowed()).isFalse();
    assertThat(probe.nanosToWait()).isEqualTo(300_000_000L);
    assertThat(probe.available()).containsExactly(0, 4900);
    assertThat(leases.refused("k", limits, 400_000_000L)).as("a token is due").isNull();
    assertThat(leases.refused("k", Limits.parse("test", "200/1m"), 1)).as("other limits").isNull();

    leases.refusedAt("k", limits, 3_000_000_000_000L, new long[] {0, 0}, 0, refund); // the hourly band
    assertThat(leases.refused("k", limits, Leases.MAX_REFUSAL_NANOS - 1)).isNotNull();
    assertThat(leases.refused("k", limits, Leases.MAX_REFUSAL_NANOS)).as("asked again after a second").isNull();

    leases.refusedAt("other", limits, 0, new long[] {1, 1}, 0, refund);
    assertThat(leases.refused("other", limits, 0)).as("no wait, no refusal").isNull();
  }

  @Test
  void limitsTooSmallToLeaseAreRefusedHereAsWellButNeverLeased() {
    Limits login = Limits.parse("test", "10/1m");
    leases.refusedAt("k", login, 6_000_000_000L, new long[] {0}, 0, refund);
    assertThat(leases.refused("k", login, 1)).isNotNull();
    assertThat(leases.toAsk("k", login, 1)).isZero();
    leases.expire(Leases.lifetime(login), refund);
    assertThat(leases.size()).isZero();
    assertThat(refunds).isEmpty();
  }
}
