package org.strongroom.accounts.login;

import java.time.Duration;

import org.springframework.security.core.AuthenticationException;

/** How a password login can end other than with a session. */
final class LoginExceptions {

  private LoginExceptions() {}

  /** The account or the client address is locked out; nothing was checked. */
  static final class Locked extends AuthenticationException {
    final transient Duration retryAfter;

    Locked(Duration retryAfter) {
      super("Too many failed attempts");
      this.retryAfter = retryAfter;
    }
  }

  /** The password was right and the user has TOTP: the second step comes next. */
  static final class SecondFactorRequired extends AuthenticationException {
    final long userId;
    final String email;

    SecondFactorRequired(long userId, String email) {
      super("Second factor required");
      this.userId = userId;
      this.email = email;
    }
  }
}
