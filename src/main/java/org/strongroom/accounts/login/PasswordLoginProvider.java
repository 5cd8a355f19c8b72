package org.strongroom.accounts.login;

import java.time.Duration;
import java.util.Optional;

import org.springframework.security.authentication.AuthenticationProvider;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.stereotype.Component;
import org.strongroom.accounts.AccountUserDetails;
import org.strongroom.accounts.SecondFactorEnrolments;
import org.strongroom.accounts.password.PasswordChecks;
import org.strongroom.accounts.throttle.LoginThrottle;
import org.strongroom.accounts.users.UserStore;
import org.strongroom.core.ApiException;

/**
 * The password step of the login form. In order: refuse while the account or the address is
 * locked (without checking the password, so a right password does not help); hash, even for
 * an unknown e-mail address (same time, same answer); count a failure; hand over to the TOTP
 * step when the user has one.
 */
@Component
public class PasswordLoginProvider implements AuthenticationProvider {

  private final UserStore users;
  private final PasswordChecks passwords;
  private final LoginThrottle throttle;
  private final AuthEvents events;
  private final java.util.List<SecondFactorEnrolments> otherFactors;

  PasswordLoginProvider(UserStore users, PasswordChecks passwords, LoginThrottle throttle, AuthEvents events,
      java.util.List<SecondFactorEnrolments> otherFactors) {
    this.otherFactors = otherFactors;
    this.users = users;
    this.passwords = passwords;
    this.throttle = throttle;
    this.events = events;
  }

  /** A throttle that cannot count (its Redis away) refuses the attempt: 503, never a free guess. */
  @Override
  public Authentication authenticate(Authentication authentication) {
    try {
      return attempt(authentication);
    } catch (ApiException unavailable) {
      throw new AuthenticationServiceException(unavailable.getMessage());
    }
  }

  private Authentication attempt(Authentication authentication) {
    String email = authentication.getName() == null ? "" : authentication.getName().strip().toLowerCase(java.util.Locale.ROOT);
    String password = authentication.getCredentials() == null ? "" : authentication.getCredentials().toString();
    LoginDetails details = authentication.getDetails() instanceof LoginDetails login
        ? login : new LoginDetails("unknown", null);
    Optional<Duration> locked = throttle.retryAfter(email, details.address());
    Optional<UserStore.StoredUser> user = email.length() > 320 ? Optional.empty() : users.findByEmail(email);
    Long userId = user.map(u -> u.account().id()).orElse(null);
    if (locked.isPresent()) {
      events.failure("login.failure", userId, AuthEvents.attemptedAccount(email), details.request(), "locked");
      throw new LoginExceptions.Locked(locked.get());
    }
    boolean matches;
    try {
      matches = passwords.matches(password, user.map(UserStore.StoredUser::passwordHash).orElse(null));
    } catch (ApiException busy) {
      throw new AuthenticationServiceException(busy.getMessage());
    }
    if (!matches || !user.get().account().active()) {
      recordFailure(email, userId, details, "password");
      throw new BadCredentialsException("Bad credentials");
    }
    if (user.get().totpEnabled() || otherFactors.stream().anyMatch(factor -> factor.enrolled(userId))) {
      throw new LoginExceptions.SecondFactorRequired(userId, email);
    }
    AccountUserDetails principal = AccountUserDetails.of(user.get());
    UsernamePasswordAuthenticationToken signedIn =
        UsernamePasswordAuthenticationToken.authenticated(principal, null, principal.getAuthorities());
    // Kept in the session (in Redis, serialized): the address only, never the request the details hold.
    signedIn.setDetails(details.address());
    return signedIn;
  }

  /** Counts a failed password or second-factor attempt, and audits a lockout it starts. */
  public void recordFailure(String email, Long userId, LoginDetails details, String reason) {
    events.failure("login.failure", userId, AuthEvents.attemptedAccount(email), details.request(), reason);
    throttle.recordFailure(email, details.address()).ifPresent(lockout ->
        events.lockout(userId, AuthEvents.attemptedAccount(email), details.request(), lockout.toSeconds()));
  }

  @Override
  public boolean supports(Class<?> authentication) {
    return UsernamePasswordAuthenticationToken.class.isAssignableFrom(authentication);
  }
}
