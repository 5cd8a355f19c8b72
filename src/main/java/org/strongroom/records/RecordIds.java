package org.strongroom.records;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Record ids such as {@code k3x9p-7q2m0}: 50 random bits in Crockford's base32 (no i, l, o,
 * u), never sequential, so ids reveal neither how many records exist nor which come next.
 */
final class RecordIds {

  private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
  private static final Pattern SHAPE = Pattern.compile("[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private RecordIds() {}

  static String generate() {
    char[] id = new char[11];
    for (int i = 0; i < id.length; i++) {
      id[i] = i == 5 ? '-' : ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
    }
    return new String(id);
  }

  static boolean isWellFormed(String id) {
    return id != null && id.length() == 11 && SHAPE.matcher(id).matches();
  }
}
