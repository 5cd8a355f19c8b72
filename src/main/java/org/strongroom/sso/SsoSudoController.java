package org.strongroom.sso;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.accounts.ExternalSignIn;
import org.strongroom.accounts.Sudo;
import org.strongroom.core.ApiException;
import org.strongroom.core.Callers;

/**
 * Sudo mode for accounts that sign in through a provider or a directory (an account made by
 * one has no password to confirm): a new sign-in at a linked provider, which must
 * authenticate the person again ({@code prompt=login}, {@code max_age=0}, {@code auth_time}
 * checked by {@link OidcLoginFlow}), or the directory password of the linked entry. With TOTP
 * on, the code goes with either, as it goes with a password. Both sit under the lockout of
 * the password form.
 */
@Controller
class SsoSudoController {

  static final String PROVIDER_PATH = Sudo.CONFIRM_PATH + "/sso/{provider}";
  static final String DIRECTORY_PATH = Sudo.CONFIRM_PATH + "/directory";

  private final OidcProviders providers;
  private final SsoIdentities identities;
  private final LdapLogin ldap;
  private final ExternalSignIn signIn;

  SsoSudoController(OidcProviders providers, SsoIdentities identities, LdapLogin ldap, ExternalSignIn signIn) {
    this.providers = providers;
    this.identities = identities;
    this.ldap = ldap;
    this.signIn = signIn;
  }

  @PostMapping(PROVIDER_PATH)
  @PreAuthorize("hasRole('USER')")
  String provider(@PathVariable String provider, @RequestParam(name = "code", defaultValue = "") String code,
      @RequestParam(name = "next", defaultValue = "/") String next, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    long userId = Callers.current().orElseThrow().userId();
    boolean linked = identities.forUser(userId).stream().anyMatch(identity -> identity.provider().equals(provider));
    if (!linked || providers.findByRegistrationId(provider) == null) {
      throw ApiException.notFound("Provider");
    }
    if (refusedBeforehand(userId, code, next, request, response).isPresent()) {
      return null;
    }
    request.getSession().removeAttribute(OidcLoginFlow.LINK_INTENT);
    signIn.beginSudo(userId, OidcLoginFlow.method(provider), next, request);
    return "redirect:" + SsoSecurity.AUTHORIZATION_PATH + "/" + provider;
  }

  @PostMapping(DIRECTORY_PATH)
  @PreAuthorize("hasRole('USER')")
  String directory(@RequestParam(name = "username", defaultValue = "") String username,
      @RequestParam(name = "password", defaultValue = "") String password,
      @RequestParam(name = "code", defaultValue = "") String code,
      @RequestParam(name = "next", defaultValue = "/") String next, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    if (ldap.directory().isEmpty()) {
      throw ApiException.notFound("Page");
    }
    long userId = Callers.current().orElseThrow().userId();
    Optional<Duration> locked = signIn.sudoLockedOut(userId, request);
    if (locked.isPresent()) {
      signIn.respondLocked(locked.get(), request, response);
      return null;
    }
    LdapLogin.Bind bind = ldap.bind(username, password, request);
    if (bind.locked() != null) {
      signIn.respondLocked(bind.locked(), request, response);
      return null;
    }
    if (bind.unavailable()) {
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The directory cannot be reached; try again shortly");
    }
    if (!bind.ok()) {
      return again("directory-error", next);
    }
    if (!ldap.owner(bind.user().dn()).equals(Optional.of(userId))) {
      signIn.recordSudoFailure(userId, "ldap-of-another-account", request);
      return again("directory-error", next);
    }
    if (!signIn.sudoCodeAccepted(userId, code, request)) {
      return again("code-error", next);
    }
    signIn.confirmSudo(userId, LdapLogin.PROVIDER, request, response);
    return "redirect:" + Sudo.safeNext(next);
  }

  /** The lockout and the TOTP code, checked before the person is sent to the provider. */
  private Optional<String> refusedBeforehand(long userId, String code, String next, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    Optional<Duration> locked = signIn.sudoLockedOut(userId, request);
    if (locked.isPresent()) {
      signIn.respondLocked(locked.get(), request, response);
      return Optional.of("locked");
    }
    if (!signIn.sudoCodeAccepted(userId, code, request)) {
      response.sendRedirect(again("code-error", next).substring("redirect:".length()));
      return Optional.of("code");
    }
    return Optional.empty();
  }

  private static String again(String error, String next) {
    return "redirect:" + Sudo.CONFIRM_PATH + "?" + error + "&next="
        + URLEncoder.encode(Sudo.safeNext(next), StandardCharsets.UTF_8);
  }
}
