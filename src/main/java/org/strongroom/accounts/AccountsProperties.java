package org.strongroom.accounts;

import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code strongroom.security.*}: sessions, CSRF tokens, login throttling, password hashing,
 * two-factor and sudo mode. Every value is checked at start-up; a bad one stops the server
 * with a message naming the key.
 *
 * @param requireMfaForSuperusers whether superusers must use two-factor login; unset means
 *                                only in production ({@code strongroom.env=production})
 */
@ConfigurationProperties(prefix = "strongroom.security")
public record AccountsProperties(@DefaultValue Session session, @DefaultValue Csrf csrf, @DefaultValue Login login,
    @DefaultValue PasswordHashing passwordHashing, @DefaultValue Sudo sudo, Boolean requireMfaForSuperusers) {

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

  /**
   * @param idleTimeout     a session unused this long ends
   * @param absoluteTimeout a session ends this long after login, however busy
   * @param maxSessions     sessions kept at most (in memory, without Redis); the oldest are dropped
   */
  public record Session(@DefaultValue("30m") Duration idleTimeout, @DefaultValue("12h") Duration absoluteTimeout,
      @DefaultValue("100000") Integer maxSessions) {
    public Session {
      idleTimeout = positive("session.idle-timeout", idleTimeout, Duration.ofMinutes(30));
      absoluteTimeout = positive("session.absolute-timeout", absoluteTimeout, Duration.ofHours(12));
      maxSessions = atLeastOne("session.max-sessions", maxSessions, 100_000);
    }
  }

  /** @param tokenLifetime how long a CSRF token stays valid (it is re-issued at each login) */
  public record Csrf(@DefaultValue("12h") Duration tokenLifetime) {
    public Csrf {
      tokenLifetime = positive("csrf.token-lifetime", tokenLifetime, Duration.ofHours(12));
    }
  }

  /**
   * @param maxFailures   failed logins within {@code failure-window} that lock the account and the client address
   * @param failureWindow the window in which failures are counted
   * @param lockout       the first lockout; it doubles with each further lockout
   * @param maxLockout    the longest lockout
   * @param maxTracked    accounts and addresses tracked at most (in memory, without Redis)
   */
  public record Login(@DefaultValue("5") Integer maxFailures, @DefaultValue("15m") Duration failureWindow,
      @DefaultValue("15m") Duration lockout, @DefaultValue("24h") Duration maxLockout,
      @DefaultValue("100000") Integer maxTracked) {
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

  /**
   * @param maxConcurrent Argon2id hashes computed at once (each takes memory and a core);
   *                      unset means the number of processors
   */
  public record PasswordHashing(Integer maxConcurrent) {
    public PasswordHashing {
      maxConcurrent = atLeastOne("password-hashing.max-concurrent", maxConcurrent,
          Math.max(1, Runtime.getRuntime().availableProcessors()));
    }
  }

  /** @param duration how long a superuser's password (and TOTP) confirmation lasts ("sudo mode") */
  public record Sudo(@DefaultValue("10m") Duration duration) {
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
