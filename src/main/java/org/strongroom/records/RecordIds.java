package org.strongroom.records;

import java.security.SecureRandom;
import java.util.regex.Pattern;

/**
 * Record ids such as {@code k3x9p-7q2m0}: 50 random bits in Crockford's base32 (no i, l, o,
 * u), never sequential, so ids reveal neither how many records exist nor which come next.
 */
final class RecordIds {

  private static final String ALPHABET = "0123456789abcdefghjkmnpqrstvwxyz";
  /** The shape {@link #isWellFormed} checks, as a pattern (RecordIdsTests holds the two together). */
  static final Pattern SHAPE = Pattern.compile("[0-9a-hjkmnp-tv-z]{5}-[0-9a-hjkmnp-tv-z]{5}");
  private static final SecureRandom RANDOM = new SecureRandom();

  private RecordIds() {}

  static String generate() {
    char[] id = new char[11];
    for (int i = 0; i < id.length; i++) {
      id[i] = i == 5 ? '-' : ALPHABET.charAt(RANDOM.nextInt(ALPHABET.length()));
    }
    return new String(id);
  }

  /**
   * Five characters of the alphabet, {@code -}, five more: {@link #SHAPE}, checked character by
   * character since every record read checks its id before the database is asked.
   */
  static boolean isWellFormed(String id) {
    if (id == null || id.length() != 11) {
      return false;
    }
    for (int i = 0; i < 11; i++) {
      char c = id.charAt(i);
      if (i == 5 ? c != '-' : ALPHABET.indexOf(c) < 0) {
        return false;
      }
    }
    return true;
  }
}
