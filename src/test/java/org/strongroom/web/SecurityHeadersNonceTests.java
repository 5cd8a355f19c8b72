package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.security.SecureRandom;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/**
 * Nonces drawn from several generators at once stay 144-bit, URL-safe and never repeat; each
 * byte a generator gives is used by one nonce only; the policy a response gets is the template
 * with its placeholders replaced.
 */
class SecurityHeadersNonceTests {

  @Test
  void concurrentNoncesAreDistinctAndUrlSafe() throws Exception {
    Set<String> nonces = ConcurrentHashMap.newKeySet();
    ExecutorService pool = Executors.newFixedThreadPool(16);
    try {
      for (int t = 0; t < 16; t++) {
        pool.submit(() -> {
          for (int i = 0; i < 2_000; i++) {
            nonces.add(SecurityHeadersFilter.newNonce());
          }
        });
      }
    } finally {
      pool.shutdown();
      assertThat(pool.awaitTermination(60, TimeUnit.SECONDS)).isTrue();
    }
    assertThat(nonces).hasSize(32_000).allMatch(nonce -> nonce.matches("[A-Za-z0-9_-]{24}"));
  }

  /** A generator whose every byte is its position in what it gave, and which counts its calls. */
  static final class CountingRandom extends SecureRandom {
    int calls;
    int given;

    @Override
    public void nextBytes(byte[] bytes) {
      calls++;
      for (int i = 0; i < bytes.length; i++) {
        bytes[i] = (byte) given++;
      }
    }
  }

  @Test
  void aSourceHandsOutEachByteOfItsGeneratorOnceAndInOrder() {
    CountingRandom random = new CountingRandom();
    CspNonces.Source source = new CspNonces.Source(random);
    int nonces = 3 * CspNonces.NONCES_PER_DRAW + 1;
    List<byte[]> drawn = new ArrayList<>();
    for (int i = 0; i < nonces; i++) {
      drawn.add(Base64.getUrlDecoder().decode(source.next()));
    }
    assertThat(random.calls).isEqualTo(4);
    for (int i = 0; i < nonces; i++) {
      byte[] nonce = drawn.get(i);
      assertThat(nonce).hasSize(CspNonces.BYTES);
      for (int b = 0; b < CspNonces.BYTES; b++) {
        assertThat(nonce[b]).as("byte %d of nonce %d", b, i).isEqualTo((byte) (i * CspNonces.BYTES + b));
      }
    }
  }

  @Test
  void thePolicyIsTheTemplateWithEveryPlaceholderReplaced() {
    String nonce = SecurityHeadersFilter.newNonce();
    for (String template : List.of(PerimeterProperties.DEFAULT_CSP, "default-src 'self'", "{nonce}",
        "{nonce}{nonce}", "a {nonce}", "{nonce} b", "script-src 'nonce-{nonce}'; style-src 'nonce-{nonce}'; x",
        "{nonc} {nonce {nonce}}")) {
      assertThat(SecurityHeadersFilter.csp(SecurityHeadersFilter.aroundNonces(template), nonce))
          .as(template).isEqualTo(template.replace("{nonce}", nonce));
    }
  }
}
