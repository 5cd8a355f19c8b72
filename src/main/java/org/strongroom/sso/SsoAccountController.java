package org.strongroom.sso;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.strongroom.accounts.ExternalSignIn;
import org.strongroom.accounts.Sudo;
import org.strongroom.core.ApiException;
import org.strongroom.core.AuditEvent;
import org.strongroom.core.Callers;
import org.strongroom.core.ClientAddress;

/**
 * Linking and unlinking provider identities from {@code /account/security}, both in sudo
 * mode: whoever holds a stolen session must not be able to attach their own identity to the
 * account (and sign in with it later), nor remove the owner's.
 */
@Controller
class SsoAccountController {

  static final String PAGE = "/account/security";

  private final OidcProviders providers;
  private final SsoIdentities identities;
  private final ExternalSignIn signIn;
  private final Sudo sudo;
  private final ApplicationEventPublisher events;

  SsoAccountController(OidcProviders providers, SsoIdentities identities, ExternalSignIn signIn, Sudo sudo,
      ApplicationEventPublisher events) {
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
    request.getSession().setAttribute(OidcLoginFlow.LINK_INTENT, new OidcLoginFlow.LinkIntent(userId, provider,
        signIn.now().plus(OidcLoginFlow.LINK_LIFETIME), signIn.loginAt(request).orElse(signIn.now()),
        signIn.secondFactorByProvider(request)));
    return "redirect:/oauth2/authorization/" + provider;
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
