package org.strongroom.files;

import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.MessageDigest;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;

import javax.crypto.Mac;
import javax.crypto.spec.SecretKeySpec;

import org.strongroom.secrets.SecretKeyRing;

/**
 * Short-lived download URLs for the files origin: {@code /download/<version id>?expires=<unix
 * seconds>&signature=<HMAC-SHA256>}. The HMAC key is derived for this purpose alone; URLs made
 * under a fallback secret key stay valid during a key rotation.
 */
class SignedUrls {

  static final String PATH_PREFIX = "/download/";
  static final String PURPOSE = "files-url";

  private final byte[] current;
  private final List<byte[]> fallbacks;
  private final Clock clock;
  private final long lifetimeSeconds;

  SignedUrls(SecretKeyRing keys, Clock clock, java.time.Duration lifetime) {
    this.current = keys.signingKey(PURPOSE);
    this.fallbacks = keys.signingKeyFallbacks(PURPOSE);
    this.clock = clock;
    this.lifetimeSeconds = lifetime.toSeconds();
  }

  /** The path and query of a signed URL for one file version. */
  String sign(String versionId) {
    long expires = clock.instant().getEpochSecond() + lifetimeSeconds;
    return PATH_PREFIX + versionId + "?expires=" + expires + "&signature=" + encode(mac(current, versionId, expires));
  }

  /** Whether the signature is one of ours for this version and has not expired. */
  boolean verify(String versionId, String expires, String signature) {
    if (versionId == null || expires == null || signature == null || expires.length() > 12) {
      return false;
    }
    long expiry;
    byte[] given;
    try {
      expiry = Long.parseLong(expires);
      given = Base64.getUrlDecoder().decode(signature);
    } catch (IllegalArgumentException e) {
      return false;
    }
    // Only the one canonical spelling: base64 leaves spare bits in the last character, so
    // several strings decode to the same MAC; a signed URL must not have look-alike variants.
    if (!encode(given).equals(signature)) {
      return false;
    }
    if (clock.instant().getEpochSecond() > expiry) {
      return false;
    }
    List<byte[]> keys = new ArrayList<>();
    keys.add(current);
    keys.addAll(fallbacks);
    boolean valid = false;
    for (byte[] key : keys) {
      valid |= MessageDigest.isEqual(mac(key, versionId, expiry), given);
    }
    return valid;
  }

  private static byte[] mac(byte[] key, String versionId, long expires) {
    try {
      Mac mac = Mac.getInstance("HmacSHA256");
      mac.init(new SecretKeySpec(key, "HmacSHA256"));
      return mac.doFinal((PURPOSE + "\n" + versionId + "\n" + expires).getBytes(StandardCharsets.UTF_8));
    } catch (GeneralSecurityException e) {
      throw new IllegalStateException(e);
    }
  }

  private static String encode(byte[] bytes) {
    return Base64.getUrlEncoder().withoutPadding().encodeToString(bytes);
  }
}
