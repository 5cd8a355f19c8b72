package org.strongroom.accounts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code strongroom.security.*}: sessions, CSRF tokens, login throttling, password hashing,
 * two-factor and sudo mode. Every value is checked at start-up; a bad one stops the server
 * with a message naming the key.
 */
@ConfigurationProperties(prefix = "strongroom.security")
public record AccountsProperties(Session session, Csrf csrf, Login login, PasswordHashing passwordHashing,
    Sudo sudo, Boolean requireMfaForSuperusers) {

  public AccountsProperties {
    session = session == null ? new Session(null, null, null) : session;
    csrf = csrf == null ? new Csrf(null) : csrf;
    login = login == null ? new Login(null, null, null, null, null) : login;
    passwordHashing = passwordHashing == null ? new PasswordHashing(null) : passwordHashing;
    sudo = sudo == null ? new Sudo(null) : sudo;
  }

  /** Whether superusers must have TOTP; unset means: only in production ({@code strongroom.env} / STRONGROOM_ENV = production). */
  public boolean mfaRequiredForSuperusers(boolean production) {
    return requireMfaForSuperusers == null ? production : requireMfaForSuperusers;
  }

  public record Session(Duration idleTimeout, Duration absoluteTimeout, Integer maxSessions) {
    public Session {
      idleTimeout = positive("session.idle-timeout", idleTimeout, Duration.ofMinutes(30));
      absoluteTimeout = positive("session.absolute-timeout", absoluteTimeout, Duration.ofHours(12));
      maxSessions = atLeastOne("session.max-sessions", maxSessions, 100_000);
    }
  }

  public record Csrf(Duration tokenLifetime) {
    public Csrf {
      tokenLifetime = positive("csrf.token-lifetime", tokenLifetime, Duration.ofHours(12));
    }
  }

  public record Login(Integer maxFailures, Duration failureWindow, Duration lockout, Duration maxLockout,
      Integer maxTracked) {
    public Login {
      maxFailures = atLeastOne("login.max-failures", maxFailures, 5);
      failureWindow = positive("login.failure-window", failureWindow, Duration.ofMinutes(15));
      lockout = positive("login.lockout", lockout, Duration.ofMinutes(15));
      maxLockout = positive("login.max-lockout", maxLockout, Duration.ofHours(24));
      maxTracked = atLeastOne("login.max-tracked", maxTracked, 100_000);
      if (maxLockout.compareTo(lockout) < 0) {
        throw new IllegalArgumentException("strongroom.security.login.max-lockout (" + maxLockout
            + ") is shorter than strongroom.security.login.lockout (" + lockout + "); raise it");
      }
    }
  }

  public record PasswordHashing(Integer maxConcurrent) {
    public PasswordHashing {
      maxConcurrent = atLeastOne("password-hashing.max-concurrent", maxConcurrent,
          Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
  }

  public record Sudo(Duration duration) {
    public Sudo {
      duration = positive("sudo.duration", duration, Duration.ofMinutes(10));
    }
  }

  private static Duration positive(String key, Duration value, Duration fallback) {
    if (value == null) {
      return fallback;
    }
    if (value.isNegative() || value.isZero()) {
      throw new IllegalArgumentException("strongroom.security." + key + " must be a positive duration "
          + "such as 30m or 12h (was " + value + ")");
    }
    return value;
  }

  private static int atLeastOne(String key, Integer value, int fallback) {
    if (value == null) {
      return fallback;
    }
    if (value < 1) {
      throw new IllegalArgumentException("strongroom.security." + key + " must be at least 1 (was " + value + ")");
    }
    return value;
  }
}
