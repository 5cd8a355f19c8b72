package org.strongroom.web;

import java.security.NoSuchAlgorithmException;
import java.security.SecureRandom;
import java.util.Arrays;
import java.util.Base64;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.locks.ReentrantLock;

/**
 * The CSP nonces: 144 bits each from a cryptographic generator, base64url without padding.
 *
 * <p>Several generators, one picked at random per nonce: one shared {@code new SecureRandom()}
 * (NativePRNG on Linux) takes a lock that every request of the server queued on
 * (bench/results/2026-12-07-records-serve.md). Each generator is a DRBG seeded once from the
 * system, and hands out its bytes {@value #NONCES_PER_DRAW} nonces at a time: a DRBG call
 * costs about as much for 18 bytes as for several hundred (it updates its state after every
 * call), and every response takes a nonce, so drawing one nonce per call made the generator a
 * visible part of a record read (bench/results/2026-12-07-read-profile.md). Bytes drawn ahead
 * are as unpredictable as bytes drawn on demand; each nonce's bytes are wiped from the buffer
 * when handed out, so the buffer only ever holds nonces not yet given.
 */
final class CspNonces {

  static final int BYTES = 18;
  static final int NONCES_PER_DRAW = 32;

  private static final Source[] SOURCES = sources(Math.max(8, 4 * Runtime.getRuntime().availableProcessors()));

  private CspNonces() {}

  static String next() {
    return SOURCES[ThreadLocalRandom.current().nextInt(SOURCES.length)].next();
  }

  private static Source[] sources(int count) {
    Source[] sources = new Source[count];
    for (int i = 0; i < count; i++) {
      sources[i] = new Source(drbg());
    }
    return sources;
  }

  private static SecureRandom drbg() {
    try {
      return SecureRandom.getInstance("DRBG");
    } catch (NoSuchAlgorithmException e) {
      return new SecureRandom();
    }
  }

  /** One generator and the bytes drawn from it that no nonce has used yet. */
  static final class Source {

    private final SecureRandom random;
    private final byte[] ahead = new byte[BYTES * NONCES_PER_DRAW];
    /** Where the next nonce's bytes start; at the end, the next nonce draws again. */
    private int next = ahead.length;
    /** Not {@code synchronized}: a virtual thread blocked on a monitor pinned its carrier before JDK 24. */
    private final ReentrantLock lock = new ReentrantLock();

    Source(SecureRandom random) {
      this.random = random;
    }

    String next() {
      byte[] nonce = new byte[BYTES];
      lock.lock();
      try {
        if (next == ahead.length) {
          random.nextBytes(ahead);
          next = 0;
        }
        System.arraycopy(ahead, next, nonce, 0, BYTES);
        Arrays.fill(ahead, next, next + BYTES, (byte) 0);
        next += BYTES;
      } finally {
        lock.unlock();
      }
      return Base64.getUrlEncoder().withoutPadding().encodeToString(nonce);
    }
  }
}
