package org.strongroom.records;

import java.util.Locale;

/** Byte counts for people: {@code 1.5 MB (1,572,864 bytes)}, in binary units as file managers show. */
final class Sizes {

  private static final String[] UNITS = {"KiB", "MiB", "GiB", "TiB"};

  private Sizes() {}

  static String human(long bytes) {
    if (bytes < 1024) {
      return bytes == 1 ? "1 byte" : bytes + " bytes";
    }
    double value = bytes;
    int unit = -1;
    while (value >= 1024 && unit < UNITS.length - 1) {
      value /= 1024;
      unit++;
    }
    return String.format(Locale.ROOT, "%.1f %s (%,d bytes)", value, UNITS[unit], bytes);
  }
}
