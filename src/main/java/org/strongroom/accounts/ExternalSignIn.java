package org.strongroom.accounts;

import java.time.Instant;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.core.AuditEvent;

/**
 * Sign-in for identities proven elsewhere (an OpenID Connect provider, a directory): the
 * session rules of a password login, without the password. A user with TOTP still passes
 * it, unless the provider proved a second factor the operator trusts; the production rule
 * "superusers need a second factor" holds the same way.
 */
@org.springframework.modulith.NamedInterface("external-sign-in")
@Component
public class ExternalSignIn {

  /** What the browser must do next. */
  public enum Outcome {
    /** Signed in; go on to the start page. */
    SIGNED_IN,
    /** The identity is accepted; the TOTP step at {@link #SECOND_FACTOR_PATH} comes next. */
    SECOND_FACTOR,
    /** The account is disabled: nothing signed in. */
    REFUSED
  }

  public static final String SECOND_FACTOR_PATH = LoginHandlers.SECOND_FACTOR_PATH;
  /** The login page under a path that answers any method: to forward a refused POST to. */
  public static final String LOGIN_PAGE_FORWARD = LoginHandlers.LOCKED_PATH;

  private final UserStore users;
  private final SessionLogin sessions;
  private final LoginThrottle throttle;
  private final AuthEvents events;
  private final ApplicationEventPublisher publisher;

  ExternalSignIn(UserStore users, SessionLogin sessions, LoginThrottle throttle, AuthEvents events,
      ApplicationEventPublisher publisher) {
    this.users = users;
    this.sessions = sessions;
    this.throttle = throttle;
    this.events = events;
    this.publisher = publisher;
  }

  /**
   * Signs the user into this session (new id, new CSRF token), or leaves a pending second
   * factor. {@code method} names the first factor in the audit log, e.g. {@code oidc:corp}.
   */
  public Outcome signIn(long userId, String method, boolean secondFactorProven, HttpServletRequest request,
      HttpServletResponse response) {
    return signIn(userId, method, secondFactorProven, secondFactorProven ? method + "+provider-mfa" : method,
        request, response);
  }

  private Outcome signIn(long userId, String method, boolean secondFactorProven, String audited,
      HttpServletRequest request, HttpServletResponse response) {
    Optional<UserStore.StoredUser> user = users.findById(userId).filter(u -> u.account().active());
    if (user.isEmpty()) {
      clearSession(request);
      events.failure("login.failure", userId, "user:" + userId, request, "disabled");
      return Outcome.REFUSED;
    }
    if (user.get().totpEnabled() && !secondFactorProven) {
      clearSession(request);
      sessions.elevate(request, response).setAttribute(SessionLogin.PENDING_SECOND_FACTOR,
          new SessionLogin.PendingSecondFactor(userId, user.get().account().email(),
              sessions.now().plus(TotpLoginController.PENDING_LIFETIME), method));
      return Outcome.SECOND_FACTOR;
    }
    sessions.signIn(AccountUserDetails.of(user.get()), request, response);
    if (secondFactorProven) {
      request.getSession().setAttribute(SessionLogin.SECOND_FACTOR_BY_PROVIDER, Boolean.TRUE);
    }
    throttle.recordSuccess(user.get().account().email());
    events.success("login.success", userId, request,
        Map.of("method", audited));
    return Outcome.SIGNED_IN;
  }

  /**
   * Sign-in with a factor that is by itself a second factor (a passkey with user
   * verification). After an accepted password it completes that login, but only for the same
   * user; with nothing pending it signs in alone (passwordless). {@code factor} names it in
   * the audit log.
   */
  public Outcome signInWithSecondFactor(long userId, String factor, HttpServletRequest request,
      HttpServletResponse response) {
    HttpSession session = request.getSession(false);
    if (session != null && session.getAttribute(SessionLogin.PENDING_SECOND_FACTOR)
        instanceof SessionLogin.PendingSecondFactor pending && pending.expires().isAfter(sessions.now())) {
      if (pending.userId() != userId) {
        clearSession(request);
        events.failure("login.failure", pending.userId(), "user:" + pending.userId(), request,
            factor + "-of-another-user");
        return Outcome.REFUSED;
      }
      String method = pending.method() + "+" + factor;
      return signIn(userId, method, true, method, request, response);
    }
    return signIn(userId, factor, true, factor, request, response);
  }

  /**
   * Puts back a user who was signed into this session before a detour through a provider
   * (linking an identity), keeping the original login time and second-factor standing.
   */
  public void resume(long userId, Instant loginAt, boolean secondFactorByProvider, HttpServletRequest request,
      HttpServletResponse response) {
    UserStore.StoredUser user = users.findById(userId).filter(u -> u.account().active()).orElse(null);
    if (user == null) {
      clearSession(request);
      return;
    }
    sessions.signIn(AccountUserDetails.of(user), request, response);
    HttpSession session = request.getSession();
    session.setAttribute(SessionLogin.LOGIN_AT, loginAt);
    if (secondFactorByProvider) {
      session.setAttribute(SessionLogin.SECOND_FACTOR_BY_PROVIDER, Boolean.TRUE);
    }
  }

  /** When the current session's user signed in, and whether a provider proved their second factor. */
  public Optional<Instant> loginAt(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && session.getAttribute(SessionLogin.LOGIN_AT) instanceof Instant at
        ? Optional.of(at) : Optional.empty();
  }

  public boolean secondFactorByProvider(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && Boolean.TRUE.equals(session.getAttribute(SessionLogin.SECOND_FACTOR_BY_PROVIDER));
  }

  /** Whether the user can sign in with a password (accounts made by a provider have none). */
  public boolean hasPassword(long userId) {
    return users.findById(userId).map(u -> u.passwordHash() != null).orElse(false);
  }

  public Instant now() {
    return sessions.now();
  }

  /** Creates an account that has no password: it signs in only through its linked identities. */
  @Transactional
  public UserAccount createWithoutPassword(String email, boolean superuser, String via) {
    String normalised = Accounts.normaliseEmail(email);
    long id = users.insert(normalised, null, superuser, sessions.now());
    publisher.publishEvent(new AuditEvent("user.create", null, null, "user:" + id, "success",
        Map.of("email", normalised, "role", superuser ? "superuser" : "user", "via", via)));
    return users.findById(id).orElseThrow().account();
  }

  /** Grants or removes superuser rights as a provider's claim says; every session of the user ends. */
  @Transactional
  public void setSuperuser(long userId, boolean superuser, String via) {
    if (users.setSuperuser(userId, superuser)) {
      publisher.publishEvent(new AuditEvent(superuser ? "user.superuser-granted" : "user.superuser-removed", null,
          null, "user:" + userId, "success", Map.of("via", via)));
    }
  }

  /**
   * How long sign-ins for this account name (e.g. {@code ldap:ada}) or from this address are
   * locked, by the same counters and rules as passwords.
   */
  public Optional<java.time.Duration> lockedOut(String account, HttpServletRequest request) {
    return throttle.retryAfter(account, LoginDetails.of(request).address());
  }

  /**
   * A wrong password checked elsewhere (a directory): counts towards the same lockout as a
   * local one. {@code audited} is how the audit log names the attempted account.
   */
  public void recordWrongPassword(String account, String audited, HttpServletRequest request) {
    String address = LoginDetails.of(request).address();
    events.failure("login.failure", null, audited, request, "password");
    throttle.recordFailure(account, address).ifPresent(lockout ->
        events.lockout(null, audited, request, lockout.toSeconds()));
  }

  /** The locked answer of the login form: 429, Retry-After, the login page. */
  public void respondLocked(java.time.Duration retryAfter, HttpServletRequest request, HttpServletResponse response)
      throws java.io.IOException, jakarta.servlet.ServletException {
    LoginHandlers.respondLocked(request, response, retryAfter);
  }

  /** A success resets the account's failure count, as a password login does. */
  public void recordSuccess(String account) {
    throttle.recordSuccess(account);
  }

  /** Audits (and counts for monitoring) an external sign-in that was refused. */
  public void recordFailure(String reason, HttpServletRequest request) {
    events.failure("login.failure", null, "external", request, reason);
  }

  private static void clearSession(HttpServletRequest request) {
    org.springframework.security.core.context.SecurityContextHolder.clearContext();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
  }
}
