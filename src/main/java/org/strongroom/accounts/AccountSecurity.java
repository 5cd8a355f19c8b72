package org.strongroom.accounts;

import jakarta.servlet.Filter;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.config.annotation.web.configurers.FormLoginConfigurer;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;
import org.strongroom.accounts.csrf.CsrfLayers;
import org.strongroom.accounts.login.LoginHandlers;
import org.strongroom.accounts.session.SessionChecks;
import org.strongroom.accounts.session.SessionCookies;

/**
 * What the security chains take from accounts: the session check, the two CSRF layers, the
 * password login form and its logout audit. The chains (web/SecurityConfiguration) decide where
 * each part runs; the filters and handlers themselves stay inside this feature.
 */
@org.springframework.modulith.NamedInterface("security")
@Component
public class AccountSecurity {

  private final SessionChecks sessions;
  private final CsrfLayers csrf;
  private final LoginHandlers login;

  AccountSecurity(SessionChecks sessions, CsrfLayers csrf, LoginHandlers login) {
    this.sessions = sessions;
    this.csrf = csrf;
    this.login = login;
  }

  /**
   * Ends a signed-in session that no longer holds (password or role changed, account disabled,
   * absolute lifetime over), and keeps a superuser who must enrol in two-factor on the
   * enrolment pages. Goes right after the security context is loaded.
   */
  public Filter sessionValidation() {
    return sessions.validationFilter();
  }

  /** The API's Origin / Sec-Fetch-Site check (JSON refusals), on the requests that need the CSRF token. */
  public Filter apiOriginCheck(RequestMatcher needsCsrfToken) {
    return csrf.originCheck(true, needsCsrfToken);
  }

  /** The API's signed CSRF token, required on {@code needsCsrfToken}. */
  public Customizer<CsrfConfigurer<HttpSecurity>> apiCsrf(RequestMatcher needsCsrfToken) {
    return csrf.tokenCheck(needsCsrfToken);
  }

  /** The pages' Origin / Sec-Fetch-Site check (error page), on every unsafe request. */
  public Filter pageOriginCheck() {
    return csrf.originCheck(false, null);
  }

  /** The pages' signed CSRF token, required on every unsafe request. */
  public Customizer<CsrfConfigurer<HttpSecurity>> pageCsrf() {
    return csrf.tokenCheck(null);
  }

  /** The password form at {@code /login}: its fields, and how each outcome is answered. */
  public Customizer<FormLoginConfigurer<HttpSecurity>> formLogin() {
    return form -> form.loginPage("/login").usernameParameter("username").passwordParameter("password")
        .authenticationDetailsSource(login.detailsSource())
        .successHandler(login.successHandler())
        .failureHandler(login.failureHandler());
  }

  /** Audits a sign-out (add it to the logout configuration). */
  public LogoutHandler logoutAudit() {
    return login.logoutAudit();
  }

  /** Whether a request carries the session cookie: an ambient credential, so the condition for CSRF protection. */
  public static boolean carriesSessionCookie(HttpServletRequest request) {
    return SessionCookies.present(request);
  }
}
