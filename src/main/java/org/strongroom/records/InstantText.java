package org.strongroom.records;

import java.time.Instant;
import java.time.LocalDate;

/**
 * An instant as {@link Instant#toString()} writes it ({@code 2026-12-07T12:37:41.492844Z}: the
 * fraction in groups of three digits, none when it is zero), put together directly for the
 * years 1970 to 9999. {@code Instant.toString()} goes through a {@code DateTimeFormatter}, and a
 * record document carries two instants, so the formatter was a visible part of every record read
 * (bench/results/2026-12-07-read-profile.md). Any other instant is left to
 * {@code Instant.toString()}; InstantTextTests compares the two.
 */
final class InstantText {

  /** 9999-12-31T23:59:59Z, the last second written here. */
  static final long LAST_SECOND = 253_402_300_799L;
  private static final int SECONDS_PER_DAY = 86_400;
  private static final int[] POWERS_OF_TEN = {1, 10, 100, 1_000, 10_000, 100_000, 1_000_000, 10_000_000, 100_000_000};

  private InstantText() {}

  static String of(Instant instant) {
    long seconds = instant.getEpochSecond();
    if (seconds < 0 || seconds > LAST_SECOND) {
      return instant.toString();
    }
    LocalDate date = LocalDate.ofEpochDay(seconds / SECONDS_PER_DAY);
    int secondOfDay = (int) (seconds % SECONDS_PER_DAY);
    int nanos = instant.getNano();
    StringBuilder text = new StringBuilder(30);
    digits(text, date.getYear(), 4).append('-');
    digits(text, date.getMonthValue(), 2).append('-');
    digits(text, date.getDayOfMonth(), 2).append('T');
    digits(text, secondOfDay / 3600, 2).append(':');
    digits(text, secondOfDay / 60 % 60, 2).append(':');
    digits(text, secondOfDay % 60, 2);
    if (nanos != 0) {
      text.append('.');
      if (nanos % 1_000_000 == 0) {
        digits(text, nanos / 1_000_000, 3);
      } else if (nanos % 1_000 == 0) {
        digits(text, nanos / 1_000, 6);
      } else {
        digits(text, nanos, 9);
      }
    }
    return text.append('Z').toString();
  }

  /** The value (at most {@code width} digits) with leading zeros up to the width. */
  private static StringBuilder digits(StringBuilder text, int value, int width) {
    for (int power = POWERS_OF_TEN[width - 1]; power > 1 && value < power; power /= 10) {
      text.append('0');
    }
    return text.append(value);
  }
}
