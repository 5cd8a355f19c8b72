package org.strongroom.accounts.throttle;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Locale;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.strongroom.accounts.AccountsProperties;

/**
 * Per-account and per-client-address lockout after repeated login failures (password or
 * second factor). Independent of the general request rate limits: this one answers "is
 * someone guessing this account's password, or guessing from this address".
 */
@Component
public class LoginThrottle {

  private final FailureCounters counters;
  private final FailureCounters.Policy policy;
  private final Clock clock;

  LoginThrottle(FailureCounters counters, AccountsProperties properties, Clock clock) {
    this.counters = counters;
    AccountsProperties.Login login = properties.login();
    this.policy = new FailureCounters.Policy(login.maxFailures(), login.failureWindow(), login.lockout(),
        login.maxLockout());
    this.clock = clock;
  }

  /** How long until the account or the address may try again, if either is locked now. */
  public Optional<Duration> retryAfter(String email, String address) {
    Instant now = clock.instant();
    Optional<Instant> account = counters.lockedUntil(accountKey(email), now);
    Optional<Instant> client = counters.lockedUntil(addressKey(address), now);
    return latest(account, client).map(until -> Duration.between(now, until));
  }

  /** Counts a failure for both keys; returns the lockout this failure started, if any. */
  public Optional<Duration> recordFailure(String email, String address) {
    Instant now = clock.instant();
    Optional<Instant> account = counters.recordFailure(accountKey(email), now, policy);
    Optional<Instant> client = counters.recordFailure(addressKey(address), now, policy);
    return latest(account, client).map(until -> Duration.between(now, until));
  }

  public void recordSuccess(String email) {
    counters.reset(accountKey(email));
  }

  static String accountKey(String email) {
    String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    return "account:" + (normalised.length() > 320 ? normalised.substring(0, 320) : normalised);
  }

  static String addressKey(String address) {
    return "address:" + address;
  }

  private static Optional<Instant> latest(Optional<Instant> a, Optional<Instant> b) {
    if (a.isEmpty()) {
      return b;
    }
    if (b.isEmpty()) {
      return a;
    }
    return Optional.of(a.get().isAfter(b.get()) ? a.get() : b.get());
  }
}
