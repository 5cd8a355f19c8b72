package org.strongroom.accounts;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.stereotype.Component;
import org.strongroom.accounts.csrf.SignedCsrfTokens;
import org.strongroom.core.ClientAddress;

/**
 * Signs a user into the current session, and changes the session id whenever the session
 * gains rights (login, second factor, sudo mode), so that an id known before is worthless
 * after. Each time the CSRF token, bound to the id, is re-issued. Stays in the base package:
 * {@link PendingSecondFactor}'s class name is stored in sessions (Java serialization, in Redis).
 */
@Component
public class SessionLogin {

  public static final String LOGIN_AT = "strongroom.login-at";
  public static final String PENDING_SECOND_FACTOR = "strongroom.pending-second-factor";
  public static final String SUDO_UNTIL = "strongroom.sudo-until";
  /** A sudo confirmation under way at a provider or an authenticator ({@link ExternalSignIn.SudoIntent}). */
  static final String SUDO_INTENT = "strongroom.sudo-intent";
  /** Set when an identity provider proved a second factor the operator trusts (SSO login). */
  public static final String SECOND_FACTOR_BY_PROVIDER = "strongroom.second-factor-by-provider";
  /** Shown in the list of the user's sessions: where and with what it signed in. */
  public static final String CLIENT_ADDRESS = "strongroom.client-address";
  public static final String USER_AGENT = "strongroom.user-agent";
  /** A random name for the session in that list and its "end" form; the id itself never leaves the cookie. */
  public static final String HANDLE = "strongroom.session-handle";
  private static final int USER_AGENT_MAX = 200;
  private static final java.security.SecureRandom RANDOM = new java.security.SecureRandom();

  /**
   * A first factor accepted (a password, or an identity provider named by {@code method}),
   * waiting for the TOTP code (kept in the session, no rights yet).
   */
  public record PendingSecondFactor(long userId, String email, Instant expires, String method)
      implements java.io.Serializable {

    public PendingSecondFactor(long userId, String email, Instant expires) {
      this(userId, email, expires, "password");
    }
  }

  /** How long a pending second factor waits for its code. */
  public static final Duration PENDING_LIFETIME = Duration.ofMinutes(5);

  private final HttpSessionSecurityContextRepository contexts = new HttpSessionSecurityContextRepository();
  private final SignedCsrfTokens csrfTokens;
  private final Clock clock;

  SessionLogin(SignedCsrfTokens csrfTokens, Clock clock) {
    this.csrfTokens = csrfTokens;
    this.clock = clock;
  }

  /** Completes a login: fresh session id, the user in the security context, a new CSRF token. */
  public void signIn(AccountUserDetails user, HttpServletRequest request, HttpServletResponse response) {
    HttpSession session = elevate(request, response);
    session.removeAttribute(PENDING_SECOND_FACTOR);
    session.removeAttribute(SUDO_UNTIL);
    session.removeAttribute(SUDO_INTENT);
    session.setAttribute(LOGIN_AT, clock.instant());
    describe(session, request);
    SecurityContext context = SecurityContextHolder.createEmptyContext();
    context.setAuthentication(UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities()));
    SecurityContextHolder.setContext(context);
    contexts.saveContext(context, request, response);
  }

  /** A new session id (creating the session if needed) and a CSRF token bound to it. */
  public HttpSession elevate(HttpServletRequest request, HttpServletResponse response) {
    if (request.getSession(false) == null) {
      request.getSession(true);
    } else {
      request.changeSessionId();
    }
    csrfTokens.reissue(request, response);
    return request.getSession(false);
  }

  /** Completes a login done by the form, whose filter has already changed the session id. */
  public void recordFormLogin(HttpServletRequest request, HttpServletResponse response) {
    HttpSession session = request.getSession(true);
    session.setAttribute(LOGIN_AT, clock.instant());
    describe(session, request);
    csrfTokens.reissue(request, response);
  }

  private static void describe(HttpSession session, HttpServletRequest request) {
    String agent = request.getHeader("User-Agent");
    session.setAttribute(CLIENT_ADDRESS, ClientAddress.of(request));
    session.setAttribute(USER_AGENT, agent == null ? "" : agent.substring(0, Math.min(agent.length(), USER_AGENT_MAX)));
    byte[] handle = new byte[16];
    RANDOM.nextBytes(handle);
    session.setAttribute(HANDLE, java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(handle));
  }

  public Instant now() {
    return clock.instant();
  }
}
