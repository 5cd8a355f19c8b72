package org.strongroom.secrets;

import java.security.SecureRandom;
import java.util.Base64;

/** Generates and parses instance secret keys: 256 random bits, base64url without padding. */
@org.springframework.modulith.NamedInterface("key-management")
public final class SecretKeys {

  public static final int KEY_BYTES = 32;
  private static final SecureRandom RANDOM = new SecureRandom();

  private SecretKeys() {}

  public static String generate() {
    byte[] key = new byte[KEY_BYTES];
    RANDOM.nextBytes(key);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(key);
  }

  /**
   * Decodes a key. Keys that are not base64url are taken as UTF-8 text (an operator may
   * supply any long random string); they must still carry at least 256 bits. The one decoding
   * of a key, for the key ring and for the deployment check alike.
   */
  public static byte[] decode(String text) {
    String trimmed = text.strip();
    try {
      byte[] decoded = Base64.getUrlDecoder().decode(trimmed);
      if (decoded.length >= KEY_BYTES) {
        return decoded;
      }
    } catch (IllegalArgumentException notBase64) {
      // fall through: treat as text
    }
    return trimmed.getBytes(java.nio.charset.StandardCharsets.UTF_8);
  }
}
