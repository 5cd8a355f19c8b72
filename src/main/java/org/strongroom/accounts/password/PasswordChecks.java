package org.strongroom.accounts.password;

import java.security.SecureRandom;
import java.util.Base64;
import java.util.concurrent.Semaphore;
import java.util.concurrent.TimeUnit;

import org.springframework.http.HttpStatus;
import org.springframework.security.crypto.password.PasswordEncoder;
import org.springframework.stereotype.Component;
import org.strongroom.accounts.AccountsProperties;
import org.strongroom.core.ApiException;

/**
 * Every Argon2 computation goes through here: at most
 * {@code strongroom.security.password-hashing.max-concurrent} at once, so that a login flood
 * queues up instead of taking every core (and ~19 MiB each) from other requests. A check
 * against no user still hashes, against a dummy hash, so an unknown e-mail address takes
 * as long as a wrong password.
 */
@Component
public class PasswordChecks {

  static final long WAIT_SECONDS = 10;

  private final PasswordEncoder encoder;
  private final Semaphore permits;
  private final String dummyHash;

  PasswordChecks(PasswordEncoder encoder, AccountsProperties properties) {
    this.encoder = encoder;
    this.permits = new Semaphore(properties.passwordHashing().maxConcurrent(), true);
    byte[] random = new byte[24];
    new SecureRandom().nextBytes(random);
    this.dummyHash = encoder.encode(Base64.getEncoder().encodeToString(random));
  }

  /** Whether the password matches the hash; {@code null} hash (no such user) never matches. */
  public boolean matches(String password, String hash) {
    String candidate = password == null ? "" : password;
    return limited(() -> encoder.matches(candidate, hash == null ? dummyHash : hash)) && hash != null;
  }

  public String encode(String password) {
    return limited(() -> encoder.encode(password));
  }

  private <T> T limited(java.util.function.Supplier<T> work) {
    try {
      if (!permits.tryAcquire(WAIT_SECONDS, TimeUnit.SECONDS)) {
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The server is busy; try again in a moment");
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The server is busy; try again in a moment");
    }
    try {
      return work.get();
    } finally {
      permits.release();
    }
  }

  int availablePermits() {
    return permits.availablePermits();
  }
}
