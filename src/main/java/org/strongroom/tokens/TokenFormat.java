package org.strongroom.tokens;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.HexFormat;
import java.util.zip.CRC32;

/**
 * Personal access tokens look like {@code sr_} + 40 random base62 characters + a 6-character
 * base62 CRC32 of what precedes it. The prefix lets secret scanners recognise a leaked token;
 * the checksum rejects typos and random guesses without a database query.
 */
final class TokenFormat {

  static final String PREFIX = "sr_";
  static final int RANDOM_LENGTH = 40;
  static final int CHECKSUM_LENGTH = 6;
  static final int LENGTH = PREFIX.length() + RANDOM_LENGTH + CHECKSUM_LENGTH;
  private static final String BASE62 = "0123456789ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz";
  private static final SecureRandom RANDOM = new SecureRandom();
  /** Cloned per hash: cloning skips the provider lookup that {@code getInstance} does. */
  private static final MessageDigest SHA_256 = newSha256();

  private TokenFormat() {}

  static String generate() {
    StringBuilder token = new StringBuilder(LENGTH).append(PREFIX);
    for (int i = 0; i < RANDOM_LENGTH; i++) {
      token.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
    }
    return token.append(checksum(token)).toString();
  }

  /** Shape and checksum only: no database involved. */
  static boolean isWellFormed(String token) {
    if (token == null || token.length() != LENGTH || !token.startsWith(PREFIX)) {
      return false;
    }
    for (int i = PREFIX.length(); i < LENGTH; i++) {
      if (BASE62.indexOf(token.charAt(i)) < 0) {
        return false;
      }
    }
    String body = token.substring(0, LENGTH - CHECKSUM_LENGTH);
    return checksum(body).equals(token.substring(LENGTH - CHECKSUM_LENGTH));
  }

  static String checksum(CharSequence body) {
    CRC32 crc = new CRC32();
    crc.update(body.toString().getBytes(StandardCharsets.US_ASCII));
    long value = crc.getValue();
    char[] out = new char[CHECKSUM_LENGTH];
    for (int i = CHECKSUM_LENGTH - 1; i >= 0; i--) {
      out[i] = BASE62.charAt((int) (value % 62));
      value /= 62;
    }
    return new String(out);
  }

  static String sha256(String token) {
    MessageDigest digest;
    try {
      digest = (MessageDigest) SHA_256.clone();
    } catch (CloneNotSupportedException e) {
      throw new IllegalStateException(e);
    }
    return HexFormat.of().formatHex(digest.digest(token.getBytes(StandardCharsets.US_ASCII)));
  }

  private static MessageDigest newSha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** A public, non-secret identifier for listing and revoking. */
  static String newId() {
    StringBuilder id = new StringBuilder(12);
    for (int i = 0; i < 12; i++) {
      id.append(BASE62.charAt(RANDOM.nextInt(BASE62.length())));
    }
    return id.toString();
  }
}
