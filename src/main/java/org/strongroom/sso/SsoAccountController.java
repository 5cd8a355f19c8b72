package org.strongroom.sso;

import java.io.IOException;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.accounts.ExternalSignIn;
import org.strongroom.accounts.Sudo;
import org.strongroom.core.ApiException;
import org.strongroom.core.AuditEvent;
import org.strongroom.core.Callers;
import org.strongroom.core.ClientAddress;

/**
 * Linking and unlinking provider identities and the directory entry from
 * {@code /account/security}, all in sudo mode: whoever holds a stolen session must not be able to attach their own identity to the
 * account (and sign in with it later), nor remove the owner's.
 */
@Controller
class SsoAccountController {

  static final String PAGE = "/account/security";

  static final String DIRECTORY_LINK = PAGE + "/sso/directory/link";

  private final OidcProviders providers;
  private final SsoIdentities identities;
  private final ExternalSignIn signIn;
  private final Sudo sudo;
  private final ApplicationEventPublisher events;
  private final LdapLogin ldap;

  SsoAccountController(OidcProviders providers, SsoIdentities identities, ExternalSignIn signIn, Sudo sudo,
      ApplicationEventPublisher events, LdapLogin ldap) {
    this.ldap = ldap;
    this.providers = providers;
    this.identities = identities;
    this.signIn = signIn;
    this.sudo = sudo;
    this.events = events;
  }

  @PostMapping(PAGE + "/sso/{provider}/link")
  @PreAuthorize("hasRole('USER')")
  String link(@PathVariable String provider, HttpServletRequest request) {
    if (!sudo.satisfied(request)) {
      return "redirect:" + Sudo.CONFIRM_PATH + "?next=" + URLEncoder.encode(PAGE, StandardCharsets.UTF_8);
    }
    if (providers.findByRegistrationId(provider) == null) {
      throw ApiException.notFound("Provider");
    }
    long userId = Callers.current().orElseThrow().userId();
    signIn.takeSudoIntent(request);
    request.getSession().setAttribute(OidcLoginFlow.LINK_INTENT, new OidcLoginFlow.LinkIntent(userId, provider,
        signIn.now().plus(OidcLoginFlow.LINK_LIFETIME), signIn.loginAt(request).orElse(signIn.now()),
        signIn.secondFactorByProvider(request)));
    return "redirect:/oauth2/authorization/" + provider;
  }

  /**
   * Links the directory entry whose name and password are given (checked with a bind, under
   * the directory form's lockout) to the signed-in user: the explicit link an existing local
   * account needs before its directory login opens it.
   */
  @PostMapping(DIRECTORY_LINK)
  @PreAuthorize("hasRole('USER')")
  String linkDirectory(@RequestParam(name = "username", defaultValue = "") String username,
      @RequestParam(name = "password", defaultValue = "") String password, HttpServletRequest request,
      HttpServletResponse response) throws IOException, ServletException {
    if (!sudo.satisfied(request)) {
      return "redirect:" + Sudo.CONFIRM_PATH + "?next=" + URLEncoder.encode(PAGE, StandardCharsets.UTF_8);
    }
    if (ldap.directory().isEmpty()) {
      throw ApiException.notFound("Page");
    }
    long userId = Callers.current().orElseThrow().userId();
    LdapLogin.Bind bind = ldap.bind(username, password, request);
    if (bind.locked() != null) {
      signIn.respondLocked(bind.locked(), request, response);
      return null;
    }
    if (bind.unavailable()) {
      throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "The directory cannot be reached; try again shortly");
    }
    if (!bind.ok()) {
      return "redirect:" + PAGE + "?sso-directory-error";
    }
    boolean linked = ldap.link(userId, bind.user().dn(), bind.user().email());
    events.publishEvent(new AuditEvent("sso.link", userId, ClientAddress.of(request), "user:" + userId,
        linked ? "success" : "denied", Map.of("provider", LdapLogin.PROVIDER,
            "reason", linked ? "linked" : "linked-to-another-account")));
    return "redirect:" + PAGE + (linked ? "?sso-linked" : "?sso-link-refused");
  }

  @PostMapping(PAGE + "/sso/identities/{id}/unlink")
  @PreAuthorize("hasRole('USER')")
  String unlink(@PathVariable long id, HttpServletRequest request) {
    if (!sudo.satisfied(request)) {
      return "redirect:" + Sudo.CONFIRM_PATH + "?next=" + URLEncoder.encode(PAGE, StandardCharsets.UTF_8);
    }
    long userId = Callers.current().orElseThrow().userId();
    SsoIdentities.Identity identity = identities.forUser(userId).stream().filter(i -> i.id() == id).findFirst()
        .orElseThrow(() -> ApiException.notFound("Linked identity"));
    if (!signIn.hasPassword(userId) && identities.forUser(userId).size() == 1) {
      return "redirect:" + PAGE + "?sso-last-identity";
    }
    identities.unlink(id, userId);
    events.publishEvent(new AuditEvent("sso.unlink", userId, ClientAddress.of(request), "user:" + userId,
        "success", Map.of("provider", identity.provider())));
    return "redirect:" + PAGE + "?sso-unlinked";
  }
}
