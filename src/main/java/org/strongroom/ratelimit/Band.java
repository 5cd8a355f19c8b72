package org.strongroom.ratelimit;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/** One {@code COUNT/PERIOD} band of a limit, e.g. {@code 60/1m}: at most COUNT requests per PERIOD. */
record Band(long count, Duration period) {

  private static final Pattern BAND = Pattern.compile("(\\d{1,9})/(\\d{0,6})([smhd])");

  /**
   * Parses {@code 60/1m,1000/1h}. A mistake stops the start-up with a message that names
   * the key, so an operator never runs with a limit they did not mean.
   */
  static List<Band> parseList(String key, String value) {
    if (value == null || value.isBlank()) {
      throw invalid(key, value, "it is empty");
    }
    List<Band> bands = new ArrayList<>();
    for (String part : value.split(",", -1)) {
      Matcher m = BAND.matcher(part.strip());
      if (!m.matches()) {
        throw invalid(key, value, "'" + part.strip() + "' is not COUNT/PERIOD");
      }
      long count = Long.parseLong(m.group(1));
      long amount = m.group(2).isEmpty() ? 1 : Long.parseLong(m.group(2));
      if (count < 1 || amount < 1) {
        throw invalid(key, value, "'" + part.strip() + "' must have a count and a period of at least 1");
      }
      Duration period = switch (m.group(3)) {
        case "s" -> Duration.ofSeconds(amount);
        case "m" -> Duration.ofMinutes(amount);
        case "h" -> Duration.ofHours(amount);
        default -> Duration.ofDays(amount);
      };
      bands.add(new Band(count, period));
    }
    return List.copyOf(bands);
  }

  private static IllegalArgumentException invalid(String key, String value, String why) {
    return new IllegalArgumentException("Invalid " + key + "='" + value + "': " + why
        + ". Write comma-separated COUNT/PERIOD bands such as 60/1m,1000/1h"
        + " (PERIOD: a number followed by s, m, h or d).");
  }

  @Override
  public String toString() {
    long seconds = period.toSeconds();
    String unit = seconds % 86400 == 0 ? seconds / 86400 + "d" : seconds % 3600 == 0 ? seconds / 3600 + "h"
        : seconds % 60 == 0 ? seconds / 60 + "m" : seconds + "s";
    return count + "/" + unit;
  }
}
