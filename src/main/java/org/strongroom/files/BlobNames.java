package org.strongroom.files;

import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.regex.Pattern;

/** Generated names for blobs and file versions: 128 random bits in hex, never derived from the key. */
final class BlobNames {

  private static final SecureRandom RANDOM = new SecureRandom();
  private static final Pattern SHAPE = Pattern.compile("[0-9a-f]{32}");

  private BlobNames() {}

  static String generate() {
    byte[] bytes = new byte[16];
    RANDOM.nextBytes(bytes);
    return HexFormat.of().formatHex(bytes);
  }

  static boolean isWellFormed(String name) {
    return name != null && SHAPE.matcher(name).matches();
  }
}
