package org.strongroom.accounts.session;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.core.env.Environment;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Component;
import org.strongroom.accounts.AccountUserDetails;
import org.strongroom.accounts.AccountsProperties;
import org.strongroom.accounts.SessionLogin;
import org.strongroom.accounts.Sudo;
import org.strongroom.accounts.users.UserStore;
import org.strongroom.core.JsonErrors;
import org.strongroom.core.RequestFilter;
import org.strongroom.instance.ProductionMode;

/**
 * On every request made with a signed-in session: the session ends (it continues as
 * anonymous) when the user's password changed, the account was disabled or its role changed
 * since login, or when the absolute lifetime has passed. The idle timeout is the session
 * store's. Superusers without TOTP, where MFA is required for them, may only reach the
 * account security page until they enrol.
 */
@Component
class SessionValidationFilter extends RequestFilter {

  /** The account security page, where a superuser enrols (its controller is in {@code accounts.self}). */
  static final String SECURITY_PAGE = "/account/security";
  static final String MFA_REQUIRED_MESSAGE = "Superusers must turn on two-factor authentication at /account/security";

  private final UserStore users;
  private final AccountsProperties properties;
  private final Clock clock;
  private final boolean mfaRequiredForSuperusers;

  SessionValidationFilter(UserStore users, AccountsProperties properties, Clock clock, Environment environment) {
    this.users = users;
    this.properties = properties;
    this.clock = clock;
    this.mfaRequiredForSuperusers = properties.mfaRequiredForSuperusers(ProductionMode.isOn(environment));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    HttpSession session = request.getSession(false);
    if (session == null || authentication == null || !(authentication.getPrincipal() instanceof AccountUserDetails user)) {
      chain.doFilter(request, response);
      return;
    }
    Optional<UserStore.SessionFacts> facts = users.sessionFacts(user.userId());
    if (facts.isEmpty() || !stillValid(user, facts.get(), session)) {
      session.invalidate();
      SecurityContextHolder.clearContext();
      chain.doFilter(request, response);
      return;
    }
    if (mfaRequiredForSuperusers && user.superuser() && !facts.get().totpEnabled() && !enrolmentPath(request)
        && !Boolean.TRUE.equals(session.getAttribute(SessionLogin.SECOND_FACTOR_BY_PROVIDER))) {
      if (request.getRequestURI().startsWith("/api/")) {
        JsonErrors.write(response, HttpServletResponse.SC_FORBIDDEN, MFA_REQUIRED_MESSAGE);
      } else {
        response.sendRedirect(SECURITY_PAGE + "?mfa-required");
      }
      return;
    }
    chain.doFilter(request, response);
  }

  boolean mfaRequiredForSuperusers() {
    return mfaRequiredForSuperusers;
  }

  private boolean stillValid(AccountUserDetails user, UserStore.SessionFacts facts, HttpSession session) {
    Object loginAt = session.getAttribute(SessionLogin.LOGIN_AT);
    return facts.active() && facts.sessionEpoch() == user.sessionEpoch() && facts.superuser() == user.superuser()
        && loginAt instanceof Instant at && at.plus(properties.session().absoluteTimeout()).isAfter(clock.instant());
  }

  private static boolean enrolmentPath(HttpServletRequest request) {
    String path = request.getRequestURI();
    // Enrolling a passkey needs sudo mode and Spring Security's registration endpoints; an
    // account without a password confirms sudo mode at its provider or with a passkey.
    return path.startsWith(SECURITY_PAGE) || path.equals("/logout") || path.startsWith("/css/")
        || path.startsWith(Sudo.CONFIRM_PATH) || path.startsWith("/webauthn/register")
        || path.startsWith("/oauth2/authorization/") || path.startsWith("/login/oauth2/code/")
        || path.equals("/webauthn/authenticate/options") || path.equals("/login/webauthn")
        || path.startsWith("/js/") || path.equals("/error");
  }
}
