package org.strongroom.secrets;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;

import org.bouncycastle.crypto.digests.SHA256Digest;
import org.bouncycastle.crypto.generators.HKDFBytesGenerator;
import org.bouncycastle.crypto.params.HKDFParameters;
import org.springframework.stereotype.Component;

/**
 * The instance secret key and its fallbacks. Nothing uses the key directly: every purpose
 * (session signing, CSRF, signed URLs, encryption) gets its own key derived with HKDF-SHA256,
 * so a leak of one derived key reveals nothing about the others.
 */
@org.springframework.modulith.NamedInterface("key-ring")
@Component
public class SecretKeyRing {

  public static final int MINIMUM_KEY_BYTES = 32;
  /**
   * The purposes {@link SecretBox} derives its encryption keys for. Only it may: a feature that
   * could derive them could open every sealed secret without going through it.
   */
  static final String SEALING_PREFIX = "secret-box:";

  private final byte[] current;
  private final List<byte[]> fallbacks;

  public SecretKeyRing(SecretsProperties properties) {
    if (properties.secretKey() == null || properties.secretKey().isBlank()) {
      throw new IllegalStateException("strongroom.secret-key is not set and the instance has no "
          + "secret.key file; run 'strongroom setup' or set STRONGROOM_SECRET_KEY");
    }
    this.current = SecretKeys.decode(properties.secretKey());
    if (current.length < MINIMUM_KEY_BYTES) {
      throw new IllegalStateException("strongroom.secret-key is shorter than 256 bits; generate "
          + "one with 'strongroom instance gen-secret-key'");
    }
    List<byte[]> decoded = new ArrayList<>();
    for (String fallback : properties.secretKeyFallbacks()) {
      if (fallback.isBlank()) {
        continue;
      }
      byte[] key = SecretKeys.decode(fallback);
      if (key.length < MINIMUM_KEY_BYTES) {
        throw new IllegalStateException("strongroom.secret-key-fallbacks holds a key shorter than 256 "
            + "bits; list only former values of strongroom.secret-key, separated by commas");
      }
      decoded.add(key);
    }
    this.fallbacks = List.copyOf(decoded);
  }

  /**
   * A 256-bit key for signing (an HMAC) for one purpose, derived from the current secret key.
   * Sealing keys are not handed out: {@link SecretBox} encrypts and decrypts with them itself.
   */
  public byte[] signingKey(String purpose) {
    return derive(signingPurpose(purpose));
  }

  /** The same purpose's signing keys derived from each fallback key, newest first. */
  public List<byte[]> signingKeyFallbacks(String purpose) {
    return deriveFallbacks(signingPurpose(purpose));
  }

  private static String signingPurpose(String purpose) {
    if (purpose.startsWith(SEALING_PREFIX)) {
      throw new IllegalArgumentException("'" + purpose + "' is a sealing purpose: seal and open with SecretBox");
    }
    return purpose;
  }

  /** A 256-bit key for any purpose, derived from the current secret key. */
  byte[] derive(String purpose) {
    return derive(current, purpose);
  }

  /** The same purpose's keys derived from each fallback key, newest first. */
  List<byte[]> deriveFallbacks(String purpose) {
    return fallbacks.stream().map(key -> derive(key, purpose)).toList();
  }

  /**
   * Whether older keys are still accepted. After {@code instance migrate-secret-key} has run,
   * fallbacks only keep old sessions and signed URLs alive; a deployment check warns while
   * they remain ("fallbacks remain after a migration").
   */
  public boolean hasFallbacks() {
    return !fallbacks.isEmpty();
  }

  /** A short public identifier of the current key (first 8 hex digits of its SHA-256). */
  public String currentKeyId() {
    return HexFormat.of().formatHex(keyIdBytes(current));
  }

  byte[] currentKeyIdBytes() {
    return keyIdBytes(current);
  }

  List<byte[]> fallbackKeyIdBytes() {
    return fallbacks.stream().map(SecretKeyRing::keyIdBytes).toList();
  }

  static byte[] keyIdBytes(byte[] key) {
    try {
      return java.util.Arrays.copyOf(MessageDigest.getInstance("SHA-256").digest(key), 4);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static byte[] derive(byte[] secret, String purpose) {
    HKDFBytesGenerator hkdf = new HKDFBytesGenerator(new SHA256Digest());
    hkdf.init(new HKDFParameters(secret, "strongroom".getBytes(StandardCharsets.UTF_8),
        purpose.getBytes(StandardCharsets.UTF_8)));
    byte[] out = new byte[32];
    hkdf.generateBytes(out, 0, out.length);
    return out;
  }

  @Override
  public String toString() {
    return "SecretKeyRing[current=" + currentKeyId() + ", fallbacks=" + fallbacks.size() + "]";
  }
}
