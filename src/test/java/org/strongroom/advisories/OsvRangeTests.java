package org.strongroom.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.strongroom.advisories.OsvRange.Event;
import org.strongroom.advisories.OsvRange.Kind;

/** OSV's "IsAffected" evaluation with Maven's version ordering. */
class OsvRangeTests {

  static Event introduced(String v) {
    return new Event(Kind.INTRODUCED, v);
  }

  static Event fixed(String v) {
    return new Event(Kind.FIXED, v);
  }

  static Event lastAffected(String v) {
    return new Event(Kind.LAST_AFFECTED, v);
  }

  @Test
  void introducedUpToFixedExcludesTheFix() {
    OsvRange range = new OsvRange(List.of(introduced("1.5"), fixed("1.10.0")));

    assertThat(range.affects("1.4")).isFalse();
    assertThat(range.affects("1.5")).isTrue();
    assertThat(range.affects("1.9")).isTrue();
    assertThat(range.affects("1.10.0")).isFalse();
    assertThat(range.affects("1.10")).as("Maven: 1.10 equals 1.10.0").isFalse();
    assertThat(range.fixedAfter("1.9")).hasValue("1.10.0");
  }

  @Test
  void zeroMeansEveryVersionBeforeTheFix() {
    OsvRange range = new OsvRange(List.of(introduced("0"), fixed("2.0.0")));

    assertThat(range.affects("0.0.1")).isTrue();
    assertThat(range.affects("2.0.0-RC1")).as("a release candidate comes before its release").isTrue();
    assertThat(range.affects("2.0.0")).isFalse();
  }

  @Test
  void lastAffectedIncludesThatVersionOnly() {
    OsvRange range = new OsvRange(List.of(introduced("3.0"), lastAffected("3.2.1")));

    assertThat(range.affects("3.2.1")).isTrue();
    assertThat(range.affects("3.2.2")).isFalse();
    assertThat(range.fixedAfter("3.1")).isEmpty();
  }

  @Test
  void severalIntervalsInOneRangeWhateverTheOrderTheyAreListedIn() {
    OsvRange range = new OsvRange(List.of(fixed("2.5"), introduced("2.0"), introduced("1.0"), fixed("1.5")));

    assertThat(range.affects("0.9")).isFalse();
    assertThat(range.affects("1.2")).isTrue();
    assertThat(range.affects("1.7")).isFalse();
    assertThat(range.affects("2.4.9")).isTrue();
    assertThat(range.affects("2.5")).isFalse();
    assertThat(range.fixedAfter("2.1")).hasValue("2.5");
  }

  @Test
  void mavenOrderingNotStringOrdering() {
    OsvRange range = new OsvRange(List.of(introduced("2.9"), fixed("2.12.7.1")));

    assertThat(range.affects("2.10.0")).isTrue();
    assertThat(range.affects("2.12.7")).isTrue();
    assertThat(range.affects("2.12.7.1")).isFalse();
    assertThat(range.affects("2.13.0")).isFalse();
    assertThat(new OsvRange(List.of(introduced("5.0.0"), fixed("5.3.19"))).affects("5.3.18.RELEASE")).isTrue();
  }
}
