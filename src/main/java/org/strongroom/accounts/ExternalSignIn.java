package org.strongroom.accounts;

import java.io.Serializable;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.accounts.login.AuthEvents;
import org.strongroom.accounts.login.LoginDetails;
import org.strongroom.accounts.login.LoginHandlers;
import org.strongroom.accounts.login.PasswordLoginProvider;
import org.strongroom.accounts.throttle.LoginThrottle;
import org.strongroom.accounts.twofactor.TwoFactor;
import org.strongroom.accounts.users.UserStore;
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

  /**
   * A signed-in user on their way to confirm sudo mode elsewhere (at a provider, with a
   * passkey): who asked, through what ({@code via}, e.g. {@code oidc:corp} or {@code passkey}),
   * since when, where to go back to, and what their session held, to put it back.
   */
  public record SudoIntent(long userId, String via, Instant started, Instant expires, String next, Instant loginAt,
      boolean secondFactorByProvider, int sessionEpoch) implements Serializable {}

  /** How long a sudo confirmation may take at a provider or an authenticator. */
  public static final Duration SUDO_INTENT_LIFETIME = Duration.ofMinutes(5);

  private final UserStore users;
  private final SessionLogin sessions;
  private final LoginThrottle throttle;
  private final AuthEvents events;
  private final ApplicationEventPublisher publisher;
  private final TwoFactor twoFactor;
  private final PasswordLoginProvider passwordStep;
  private final List<SecondFactorEnrolments> otherFactors;
  private final Duration sudoDuration;

  ExternalSignIn(UserStore users, SessionLogin sessions, LoginThrottle throttle, AuthEvents events,
      ApplicationEventPublisher publisher, TwoFactor twoFactor, PasswordLoginProvider passwordStep,
      List<SecondFactorEnrolments> otherFactors, AccountsProperties properties) {
    this.users = users;
    this.sessions = sessions;
    this.throttle = throttle;
    this.events = events;
    this.publisher = publisher;
    this.twoFactor = twoFactor;
    this.passwordStep = passwordStep;
    this.otherFactors = otherFactors;
    this.sudoDuration = properties.sudo().duration();
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
    if (!secondFactorProven && (user.get().totpEnabled() || otherFactorEnrolled(userId))) {
      clearSession(request);
      sessions.elevate(request, response).setAttribute(SessionLogin.PENDING_SECOND_FACTOR,
          new SessionLogin.PendingSecondFactor(userId, user.get().account().email(),
              sessions.now().plus(SessionLogin.PENDING_LIFETIME), method));
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

  /** Whether the user has a second factor other than TOTP (a passkey). */
  public boolean otherFactorEnrolled(long userId) {
    return otherFactors.stream().anyMatch(factor -> factor.enrolled(userId));
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

  /**
   * How long sudo confirmations of the signed-in user are locked (the same counters as the
   * password form, by the account's e-mail address and the client address).
   */
  public Optional<Duration> sudoLockedOut(long userId, HttpServletRequest request) {
    String email = users.findById(userId).map(u -> u.account().email()).orElse("");
    return throttle.retryAfter(email, LoginDetails.of(request).address());
  }

  /**
   * The TOTP code that must go with a sudo confirmation at a provider or a directory, as it
   * goes with the password: true when the user has no TOTP or the code (or a recovery code)
   * is right; a wrong one counts towards the lockout.
   */
  public boolean sudoCodeAccepted(long userId, String code, HttpServletRequest request) {
    Optional<UserStore.StoredUser> user = users.findById(userId).filter(u -> u.account().active());
    if (user.isEmpty()) {
      return false;
    }
    if (!user.get().totpEnabled() || twoFactor.verify(user.get(), code).isPresent()) {
      return true;
    }
    passwordStep.recordFailure(user.get().account().email(), userId, LoginDetails.of(request), "sudo");
    return false;
  }

  /** Whether the user must give a TOTP code with a sudo confirmation. */
  public boolean totpEnabled(long userId) {
    return users.findById(userId).map(UserStore.StoredUser::totpEnabled).orElse(false);
  }

  /**
   * Notes in the session that its user is confirming sudo mode through {@code via}; the
   * confirmation must come back within {@link #SUDO_INTENT_LIFETIME}, in this session, for
   * this user ({@link #finishSudo}).
   */
  public SudoIntent beginSudo(long userId, String via, String next, HttpServletRequest request) {
    int epoch = users.findById(userId).map(UserStore.StoredUser::sessionEpoch).orElse(-1);
    Instant now = sessions.now();
    SudoIntent intent = new SudoIntent(userId, via, now, now.plus(SUDO_INTENT_LIFETIME),
        Sudo.safeNext(next), loginAt(request).orElse(now), secondFactorByProvider(request), epoch);
    request.getSession().setAttribute(SessionLogin.SUDO_INTENT, intent);
    return intent;
  }

  /** The pending sudo confirmation of this session, left in place; empty when none or expired. */
  public Optional<SudoIntent> pendingSudo(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && session.getAttribute(SessionLogin.SUDO_INTENT) instanceof SudoIntent intent
        && intent.expires().isAfter(sessions.now()) ? Optional.of(intent) : Optional.empty();
  }

  /** Takes the pending sudo confirmation out of the session (it is used once); empty when none or expired. */
  public Optional<SudoIntent> takeSudoIntent(HttpServletRequest request) {
    Optional<SudoIntent> intent = pendingSudo(request);
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.removeAttribute(SessionLogin.SUDO_INTENT);
    }
    return intent;
  }

  /**
   * Ends a sudo confirmation begun by {@link #beginSudo}: puts the user who asked back into
   * the session (new id, their login time and second-factor standing), and enters sudo mode
   * only when {@code via} is the way they chose and {@code provenUserId} (whom the provider
   * or passkey proved) is they. An account disabled, or whose sessions were ended, since
   * then is signed out instead. Audited either way.
   */
  public boolean finishSudo(SudoIntent intent, String via, long provenUserId, HttpServletRequest request,
      HttpServletResponse response) {
    if (!resumeAfterSudo(intent, request, response)) {
      return false;
    }
    if (!intent.via().equals(via) || provenUserId != intent.userId()) {
      events.failure("sudo.confirm", intent.userId(), "user:" + intent.userId(), request,
          intent.via().equals(via) ? via + "-of-another-account" : "interrupted");
      return false;
    }
    enterSudo(intent.userId(), via, request, response);
    return true;
  }

  /** Ends a sudo confirmation that failed ({@code reason} for the audit log), the user back in their session. */
  public void refuseSudo(SudoIntent intent, String reason, HttpServletRequest request, HttpServletResponse response) {
    if (resumeAfterSudo(intent, request, response)) {
      events.failure("sudo.confirm", intent.userId(), "user:" + intent.userId(), request, reason);
    }
  }

  private boolean resumeAfterSudo(SudoIntent intent, HttpServletRequest request, HttpServletResponse response) {
    Optional<UserStore.StoredUser> user = users.findById(intent.userId())
        .filter(u -> u.account().active() && u.sessionEpoch() == intent.sessionEpoch());
    if (user.isEmpty()) {
      clearSession(request);
      events.failure("sudo.confirm", intent.userId(), "user:" + intent.userId(), request, "session-ended");
      return false;
    }
    resume(intent.userId(), intent.loginAt(), intent.secondFactorByProvider(), request, response);
    return true;
  }

  /**
   * Enters sudo mode for the signed-in user of this session, proven again just now in this
   * request (a directory password): a new session id, audited.
   */
  public void confirmSudo(long userId, String method, HttpServletRequest request, HttpServletResponse response) {
    enterSudo(userId, method, request, response);
  }

  /** A sudo confirmation refused before it reached the provider or directory. */
  public void recordSudoFailure(long userId, String reason, HttpServletRequest request) {
    events.failure("sudo.confirm", userId, "user:" + userId, request, reason);
  }

  private void enterSudo(long userId, String method, HttpServletRequest request, HttpServletResponse response) {
    sessions.elevate(request, response).setAttribute(SessionLogin.SUDO_UNTIL, sessions.now().plus(sudoDuration));
    events.success("sudo.confirm", userId, request, Map.of("method", method));
  }

  private static void clearSession(HttpServletRequest request) {
    org.springframework.security.core.context.SecurityContextHolder.clearContext();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
  }
}
