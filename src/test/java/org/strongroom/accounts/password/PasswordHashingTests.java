package org.strongroom.accounts.password;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.security.crypto.password.PasswordEncoder;

/** Argon2id parameters and their cost on this machine (printed, not a timed assertion). */
class PasswordHashingTests {

  final PasswordEncoder encoder = new PasswordHashing().passwordEncoder();

  @Test
  void hashesAreArgon2idAndSalted() {
    String first = encoder.encode("correct horse battery staple");
    String second = encoder.encode("correct horse battery staple");
    assertThat(first).startsWith("$argon2id$").isNotEqualTo(second);
    assertThat(encoder.matches("correct horse battery staple", first)).isTrue();
    assertThat(encoder.matches("correct horse battery stapler", first)).isFalse();
  }

  @Test
  void reportsTheCostOfOneHash() {
    encoder.encode("warm-up password");
    int rounds = 10;
    long start = System.nanoTime();
    for (int i = 0; i < rounds; i++) {
      encoder.encode("measured password " + i);
    }
    long millis = (System.nanoTime() - start) / rounds / 1_000_000;
    System.out.println("Argon2id (m=19 MiB, t=4, p=1): " + millis + " ms per hash");
    assertThat(millis).isPositive();
  }
}
