package org.strongroom.secrets;

import java.nio.ByteBuffer;
import java.nio.charset.StandardCharsets;
import java.security.GeneralSecurityException;
import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.Base64;
import java.util.List;
import java.util.Optional;

import javax.crypto.Cipher;
import javax.crypto.spec.GCMParameterSpec;
import javax.crypto.spec.SecretKeySpec;

import org.springframework.stereotype.Component;

/**
 * Encrypts secrets that must be read back (TOTP seeds, the S3 storage credentials)
 * with AES-256-GCM under a key derived from the instance secret key for the given purpose.
 *
 * <p>Sealed form, base64url: {@code version (1) | key id (4) | nonce (12) | ciphertext + tag}.
 * The key id names the secret key it was made with, so that {@link #open} picks the right
 * key among the current one and the fallbacks, and a migration can tell what to re-encrypt.
 * The purpose is bound as associated data: a value sealed for one purpose cannot be opened
 * as another.
 */
@org.springframework.modulith.NamedInterface("sealing")
@Component
public class SecretBox {

  static final byte VERSION = 1;
  private static final int KEY_ID_BYTES = 4;
  private static final int NONCE_BYTES = 12;
  private static final int TAG_BITS = 128;
  private static final SecureRandom RANDOM = new SecureRandom();

  /** A derived key together with the id of the secret key it came from. */
  private record Key(byte[] id, byte[] material) {}

  private final SecretKeyRing keys;

  public SecretBox(SecretKeyRing keys) {
    this.keys = keys;
  }

  public String seal(String purpose, byte[] plaintext) {
    Key key = new Key(keys.currentKeyIdBytes(), keys.derive(encryptionPurpose(purpose)));
    byte[] nonce = new byte[NONCE_BYTES];
    RANDOM.nextBytes(nonce);
    byte[] ciphertext = crypt(Cipher.ENCRYPT_MODE, key, nonce, purpose, plaintext);
    ByteBuffer out = ByteBuffer.allocate(1 + KEY_ID_BYTES + NONCE_BYTES + ciphertext.length);
    out.put(VERSION).put(key.id()).put(nonce).put(ciphertext);
    return Base64.getUrlEncoder().withoutPadding().encodeToString(out.array());
  }

  /** Opens a sealed value made under the current key or any fallback key. */
  public byte[] open(String purpose, String sealed) {
    byte[] raw = decode(sealed);
    if (raw.length == 0) {
      throw new SecretBoxException("Not a sealed secret of a known version");
    }
    byte[] keyId = Arrays.copyOfRange(raw, 1, 1 + KEY_ID_BYTES);
    for (Key key : candidates(purpose)) {
      if (Arrays.equals(key.id(), keyId)) {
        return open(key, purpose, raw);
      }
    }
    throw new SecretBoxException("Sealed with a secret key that is neither current nor a fallback");
  }

  /**
   * Opens a value only if it was sealed under the given secret key (not the current one or a
   * fallback): for the migration from a key that is no longer configured.
   */
  Optional<byte[]> openWithSecretKey(byte[] secretKey, String purpose, String sealed) {
    byte[] raw = decode(sealed);
    if (raw.length == 0) {
      return Optional.empty();
    }
    Key key = new Key(SecretKeyRing.keyIdBytes(secretKey), SecretKeyRing.derive(secretKey, encryptionPurpose(purpose)));
    if (!Arrays.equals(key.id(), Arrays.copyOfRange(raw, 1, 1 + KEY_ID_BYTES))) {
      return Optional.empty();
    }
    return Optional.of(open(key, purpose, raw));
  }

  /** Whether a sealed value was made under the current secret key. */
  public boolean isCurrent(String sealed) {
    byte[] raw = decode(sealed);
    return raw.length > 0 && Arrays.equals(Arrays.copyOfRange(raw, 1, 1 + KEY_ID_BYTES), keys.currentKeyIdBytes());
  }

  /** The raw sealed form, or empty when it is not one of a known version. */
  private static byte[] decode(String sealed) {
    try {
      byte[] raw = Base64.getUrlDecoder().decode(sealed);
      return raw.length < 1 + KEY_ID_BYTES + NONCE_BYTES + TAG_BITS / 8 || raw[0] != VERSION ? new byte[0] : raw;
    } catch (IllegalArgumentException e) {
      return new byte[0];
    }
  }

  private static byte[] open(Key key, String purpose, byte[] raw) {
    int start = 1 + KEY_ID_BYTES;
    byte[] nonce = Arrays.copyOfRange(raw, start, start + NONCE_BYTES);
    byte[] ciphertext = Arrays.copyOfRange(raw, start + NONCE_BYTES, raw.length);
    return crypt(Cipher.DECRYPT_MODE, key, nonce, purpose, ciphertext);
  }

  private List<Key> candidates(String purpose) {
    List<Key> candidates = new ArrayList<>();
    candidates.add(new Key(keys.currentKeyIdBytes(), keys.derive(encryptionPurpose(purpose))));
    List<byte[]> ids = keys.fallbackKeyIdBytes();
    List<byte[]> derived = keys.deriveFallbacks(encryptionPurpose(purpose));
    for (int i = 0; i < ids.size(); i++) {
      candidates.add(new Key(ids.get(i), derived.get(i)));
    }
    return candidates;
  }

  private static String encryptionPurpose(String purpose) {
    return SecretKeyRing.SEALING_PREFIX + purpose;
  }

  private static byte[] crypt(int mode, Key key, byte[] nonce, String purpose, byte[] input) {
    try {
      Cipher cipher = Cipher.getInstance("AES/GCM/NoPadding");
      cipher.init(mode, new SecretKeySpec(key.material(), "AES"), new GCMParameterSpec(TAG_BITS, nonce));
      cipher.updateAAD(purpose.getBytes(StandardCharsets.UTF_8));
      return cipher.doFinal(input);
    } catch (GeneralSecurityException e) {
      // Never include key material or plaintext: the message names only what failed.
      throw new SecretBoxException("A sealed secret could not be opened (wrong key or tampered)");
    }
  }

  /** Sealing or opening failed; the message never contains key material or plaintext. */
  @org.springframework.modulith.NamedInterface("sealing")
  public static class SecretBoxException extends RuntimeException {
    SecretBoxException(String message) {
      super(message, null, false, false);
    }
  }
}
