package org.strongroom.accounts.login;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.AuthenticationDetailsSource;
import org.springframework.security.authentication.AuthenticationServiceException;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.web.authentication.AuthenticationFailureHandler;
import org.springframework.security.web.authentication.AuthenticationSuccessHandler;
import org.springframework.security.web.authentication.SavedRequestAwareAuthenticationSuccessHandler;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.stereotype.Component;
import org.strongroom.accounts.AccountUserDetails;
import org.strongroom.accounts.SessionLogin;
import org.strongroom.accounts.throttle.LoginThrottle;

/**
 * How the login form's outcomes are answered. Wrong password and unknown e-mail address:
 * the same redirect to {@code /login?error}. Locked: {@code 429} with {@code Retry-After}.
 * Right password with TOTP enrolled: the session (new id) remembers the pending user and the
 * browser goes to {@code /login/mfa}.
 */
@Component
public class LoginHandlers {

  public static final String LOCKED_PATH = "/login/locked";
  public static final String SECOND_FACTOR_PATH = "/login/mfa";

  private final SessionLogin sessions;
  private final LoginThrottle throttle;
  private final AuthEvents events;
  private final SavedRequestAwareAuthenticationSuccessHandler redirect = new SavedRequestAwareAuthenticationSuccessHandler();

  LoginHandlers(SessionLogin sessions, LoginThrottle throttle, AuthEvents events) {
    this.sessions = sessions;
    this.throttle = throttle;
    this.events = events;
    redirect.setDefaultTargetUrl("/");
  }

  public AuthenticationDetailsSource<HttpServletRequest, ?> detailsSource() {
    return LoginDetails::of;
  }

  public AuthenticationSuccessHandler successHandler() {
    return (request, response, authentication) -> {
      AccountUserDetails user = (AccountUserDetails) authentication.getPrincipal();
      throttle.recordSuccess(user.email());
      sessions.recordFormLogin(request, response);
      events.success("login.success", user.userId(), request, Map.of("method", "password"));
      redirect.onAuthenticationSuccess(request, response, authentication);
    };
  }

  public AuthenticationFailureHandler failureHandler() {
    return this::onFailure;
  }

  public LogoutHandler logoutAudit() {
    return (request, response, authentication) -> {
      if (authentication != null && authentication.getPrincipal() instanceof AccountUserDetails user) {
        events.success("logout", user.userId(), request, Map.of());
      }
    };
  }

  private void onFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException, ServletException {
    if (e instanceof LoginExceptions.Locked locked) {
      respondLocked(request, response, locked.retryAfter);
    } else if (e instanceof LoginExceptions.SecondFactorRequired pending) {
      sessions.elevate(request, response).setAttribute(SessionLogin.PENDING_SECOND_FACTOR,
          new SessionLogin.PendingSecondFactor(pending.userId, pending.email,
              sessions.now().plus(SessionLogin.PENDING_LIFETIME)));
      response.sendRedirect(SECOND_FACTOR_PATH);
    } else if (e instanceof AuthenticationServiceException) {
      response.setHeader(HttpHeaders.RETRY_AFTER, "5");
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
    } else {
      response.sendRedirect("/login?error");
    }
  }

  public static void respondLocked(HttpServletRequest request, HttpServletResponse response, Duration retryAfter)
      throws IOException, ServletException {
    long seconds = Math.max(1, retryAfter.toSeconds() + (retryAfter.toNanosPart() > 0 ? 1 : 0));
    response.setStatus(429);
    response.setHeader(HttpHeaders.RETRY_AFTER, Long.toString(seconds));
    request.setAttribute("retryAfterMinutes", Math.max(1, (seconds + 59) / 60));
    request.getRequestDispatcher(LOCKED_PATH).forward(request, response);
  }
}
