package org.strongroom.sso;

import java.io.IOException;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.accounts.ExternalSignIn;
import org.strongroom.core.ApiException;
import org.strongroom.core.AuditEvent;
import org.strongroom.core.ClientAddress;

/**
 * The directory form on the login page ({@code POST /login/directory}). Under the same
 * lockout as passwords (per name and per address, a right password during a lockout does
 * not help) and the same rate limit; a wrong password and an unknown name get the same
 * answer.
 */
@Controller
class LdapLoginController {

  static final String PATH = "/login/directory";
  private static final Logger log = LoggerFactory.getLogger(LdapLoginController.class);

  private final LdapLogin ldap;
  private final ExternalSignIn signIn;
  private final ApplicationEventPublisher events;

  LdapLoginController(LdapLogin ldap, ExternalSignIn signIn, ApplicationEventPublisher events) {
    this.ldap = ldap;
    this.signIn = signIn;
    this.events = events;
  }

  @PostMapping(PATH)
  @PermitAll
  void login(@RequestParam(name = "username", defaultValue = "") String username,
      @RequestParam(name = "password", defaultValue = "") String password, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    LdapDirectory directory = ldap.directory().orElseThrow(() -> ApiException.notFound("Page"));
    String name = username.strip().toLowerCase(Locale.ROOT);
    String account = "ldap:" + (name.length() > 256 ? name.substring(0, 256) : name);
    String audited = auditable(name);
    Optional<Duration> locked = signIn.lockedOut(account, request);
    if (locked.isPresent()) {
      signIn.respondLocked(locked.get(), request, response);
      return;
    }
    LdapDirectory.DirectoryUser user;
    try {
      if (name.isEmpty() || name.length() > 256 || password.isEmpty()) {
        throw new BadCredentialsException("Bad credentials");
      }
      user = directory.authenticate(name, password);
    } catch (BadCredentialsException wrong) {
      signIn.recordWrongPassword(account, audited, request);
      response.sendRedirect("/login?directory-error");
      return;
    } catch (AuthenticationException unreachable) {
      String refusal = LdapTls.certificateRefusal(unreachable);
      if (refusal != null) {
        log.warn("LDAP directory {} refused: its TLS certificate is not trusted ({}); no directory sign-in until "
            + "strongroom.sso.ldap.trusted-certificates (or the JVM's trust store) holds its CA and the URL names a "
            + "host in the certificate", directory.address(), refusal);
      } else {
        log.warn("LDAP directory {} unavailable: {}", directory.address(), unreachable.getMessage());
      }
      response.setHeader(HttpHeaders.RETRY_AFTER, "30");
      response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      return;
    }
    signIn.recordSuccess(account);
    OidcAccounts.Match match = ldap.match(user);
    if (!match.found()) {
      events.publishEvent(new AuditEvent("login.failure", null, ClientAddress.of(request), audited, "failure",
          Map.of("reason", match.reason(), "method", "ldap")));
      response.setStatus(HttpServletResponse.SC_FORBIDDEN);
      request.setAttribute(OidcLoginFlow.ERROR_ATTRIBUTE, match.message());
      request.getRequestDispatcher(ExternalSignIn.LOGIN_PAGE_FORWARD).forward(request, response);
      return;
    }
    switch (signIn.signIn(match.userId(), "ldap", false, request, response)) {
      case SIGNED_IN -> response.sendRedirect("/");
      case SECOND_FACTOR -> response.sendRedirect(ExternalSignIn.SECOND_FACTOR_PATH);
      case REFUSED -> response.sendRedirect("/login?directory-error");
    }
  }

  /**
   * The name as the audit log shows it: only what looks like a directory name, so that a
   * password typed into the name field does not end up in the log.
   */
  static String auditable(String name) {
    return name.matches("[a-z0-9][a-z0-9._@-]{0,63}") ? "ldap:" + name : "ldap:?";
  }
}
