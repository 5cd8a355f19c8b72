package org.strongroom.accounts.password;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.crypto.argon2.Argon2PasswordEncoder;
import org.springframework.security.crypto.password.PasswordEncoder;

/**
 * Argon2id, 19 MiB, 1 lane, 4 iterations: OWASP's minimum memory (19 MiB, t=2) with the
 * iterations raised so that a guess costs an attacker more while a login still feels instant
 * (bench/password-hashing.sh; docs/development/performance.md). Memory stays at 19 MiB
 * because logins may run concurrently (PasswordChecks limits how many).
 */
@Configuration(proxyBeanMethods = false)
class PasswordHashing {

  static final int SALT_BYTES = 16;
  static final int HASH_BYTES = 32;
  static final int PARALLELISM = 1;
  static final int MEMORY_KIB = 19 * 1024;
  static final int ITERATIONS = 4;

  @Bean
  PasswordEncoder passwordEncoder() {
    return new Argon2PasswordEncoder(SALT_BYTES, HASH_BYTES, PARALLELISM, MEMORY_KIB, ITERATIONS);
  }
}
