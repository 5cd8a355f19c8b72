package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.Test;

/** Nonces drawn from several generators at once stay 144-bit, URL-safe and never repeat. */
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
}
