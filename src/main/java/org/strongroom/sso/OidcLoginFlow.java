package org.strongroom.sso;

import java.io.IOException;
import java.io.Serializable;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.oauth2.client.authentication.OAuth2AuthenticationToken;
import org.springframework.security.oauth2.core.OAuth2AuthenticationException;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.stereotype.Component;
import org.strongroom.accounts.ExternalSignIn;
import org.strongroom.accounts.Sudo;
import org.strongroom.core.AuditEvent;
import org.strongroom.core.ClientAddress;

/**
 * What happens when a provider sends the browser back. Spring Security has by then checked
 * the state (against the request saved in this session), exchanged the code with the PKCE
 * verifier, and verified the ID token (signature, issuer, audience, expiry, nonce). Here the
 * identity is matched to an account ({@link OidcAccounts}) and signed in through the accounts
 * feature, or linked to the user who asked for it from the account security page.
 */
@Component
class OidcLoginFlow {

  static final String LINK_INTENT = "strongroom.sso.link-intent";
  static final String SIGNED_IN_WITH = "strongroom.sso.provider";
  static final String ERROR_ATTRIBUTE = "ssoError";
  static final Duration LINK_LIFETIME = Duration.ofMinutes(5);
  /**
   * How much earlier than the sudo request the provider's {@code auth_time} may be: the two
   * clocks differ a little; a sign-in remembered from before the request is not a new one.
   */
  static final Duration AUTH_TIME_SKEW = Duration.ofSeconds(30);
  private static final Logger log = LoggerFactory.getLogger(OidcLoginFlow.class);

  /** A signed-in user on their way to a provider to link an identity. */
  record LinkIntent(long userId, String provider, Instant expires, Instant loginAt, boolean secondFactorByProvider)
      implements Serializable {}

  private final OidcProviders providers;
  private final OidcAccounts accounts;
  private final SsoIdentities identities;
  private final ExternalSignIn signIn;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  OidcLoginFlow(OidcProviders providers, OidcAccounts accounts, SsoIdentities identities, ExternalSignIn signIn,
      ApplicationEventPublisher events, Clock clock) {
    this.providers = providers;
    this.accounts = accounts;
    this.identities = identities;
    this.signIn = signIn;
    this.events = events;
    this.clock = clock;
  }

  void onSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException, ServletException {
    OAuth2AuthenticationToken token = (OAuth2AuthenticationToken) authentication;
    String name = token.getAuthorizedClientRegistrationId();
    SsoProperties.Oidc config = providers.config(name).orElseThrow();
    OidcIdentity identity = OidcIdentity.of(name, (OidcUser) token.getPrincipal());
    HttpSession session = request.getSession();
    Object intent = session.getAttribute(LINK_INTENT);
    session.removeAttribute(LINK_INTENT);
    if (intent instanceof LinkIntent link && link.expires().isAfter(clock.instant())) {
      finishLink(link, identity, request, response);
      return;
    }
    Optional<ExternalSignIn.SudoIntent> sudo = signIn.takeSudoIntent(request);
    if (sudo.isPresent()) {
      finishSudo(sudo.get(), identity, request, response);
      return;
    }
    OidcAccounts.Match match = accounts.match(config, identity);
    if (!match.found()) {
      refuse(request, response, HttpServletResponse.SC_FORBIDDEN, name, match.reason(), match.message());
      return;
    }
    boolean providerMfa = config.trustProviderMfa() && identity.provesSecondFactor();
    switch (signIn.signIn(match.userId(), "oidc:" + name, providerMfa, request, response)) {
      case SIGNED_IN -> {
        request.getSession().setAttribute(SIGNED_IN_WITH, name);
        response.sendRedirect("/");
      }
      case SECOND_FACTOR -> response.sendRedirect(ExternalSignIn.SECOND_FACTOR_PATH);
      case REFUSED -> render(request, response, HttpServletResponse.SC_FORBIDDEN,
          "This account is disabled.");
    }
  }

  /**
   * A sign-in the provider or Spring Security refused: a forged or replayed callback (no
   * matching state in this session), a wrong nonce, issuer or audience, an expired or badly
   * signed ID token, or the person cancelling at the provider. 401, nothing signed in.
   */
  void onFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException, ServletException {
    String code = e instanceof OAuth2AuthenticationException oauth ? oauth.getError().getErrorCode() : "error";
    String provider = providerOf(request);
    log.info("OpenID Connect sign-in with {} refused: {}", provider, code);
    refuse(request, response, HttpServletResponse.SC_UNAUTHORIZED, provider, code,
        "The sign-in could not be completed. Please start again.");
  }

  private void finishLink(LinkIntent link, OidcIdentity identity, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    boolean linked = link.provider().equals(identity.provider()) && accounts.link(link.userId(), identity);
    signIn.resume(link.userId(), link.loginAt(), link.secondFactorByProvider(), request, response);
    audit("sso.link", link.userId(), request, "user:" + link.userId(),
        linked ? "success" : "denied", Map.of("provider", identity.provider(),
            "reason", linked ? "linked" : "linked-to-another-account"));
    response.sendRedirect(SsoAccountController.PAGE + (linked ? "?sso-linked" : "?sso-link-refused"));
  }

  /**
   * Back from a sign-in that was to confirm sudo mode: it does only when the identity is
   * linked to the user who asked, and the provider authenticated them after they asked
   * ({@code auth_time}, which {@code max_age=0} obliges the provider to send). Either way the
   * user who asked is back in their session; nobody else is signed in.
   */
  private void finishSudo(ExternalSignIn.SudoIntent intent, OidcIdentity identity, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    long owner = identities.find(identity.issuer(), identity.subject()).map(SsoIdentities.Identity::userId)
        .orElse(-1L);
    Instant authenticated = identity.claims().getAuthenticatedAt();
    boolean fresh = authenticated != null && !authenticated.isBefore(intent.started().minus(AUTH_TIME_SKEW));
    if (owner == intent.userId() && !fresh) {
      log.info("OpenID Connect sudo confirmation with {} refused: no new authentication (auth_time {})",
          identity.provider(), authenticated);
      signIn.refuseSudo(intent, "no-new-authentication", request, response);
      response.sendRedirect(Sudo.CONFIRM_PATH + "?sso-failed&next="
          + URLEncoder.encode(intent.next(), StandardCharsets.UTF_8));
      return;
    }
    if (!signIn.finishSudo(intent, method(identity.provider()), owner, request, response)) {
      response.sendRedirect(request.getSession(false) == null ? "/login"
          : Sudo.CONFIRM_PATH + "?sso-failed&next=" + URLEncoder.encode(intent.next(), StandardCharsets.UTF_8));
      return;
    }
    response.sendRedirect(intent.next());
  }

  /** How the audit log names a sign-in through the provider. */
  static String method(String provider) {
    return "oidc:" + provider;
  }

  private void refuse(HttpServletRequest request, HttpServletResponse response, int status, String provider,
      String reason, String message) throws IOException, ServletException {
    SecurityContextHolder.clearContext();
    HttpSession session = request.getSession(false);
    if (session != null) {
      session.invalidate();
    }
    audit("login.failure", null, request, "oidc:" + provider, "failure", Map.of("reason", reason,
        "method", "oidc:" + provider));
    render(request, response, status, message);
  }

  private static void render(HttpServletRequest request, HttpServletResponse response, int status, String message)
      throws IOException, ServletException {
    response.setStatus(status);
    request.setAttribute(ERROR_ATTRIBUTE, message);
    request.getRequestDispatcher("/login").forward(request, response);
  }

  private void audit(String action, Long userId, HttpServletRequest request, String target, String outcome,
      Map<String, String> details) {
    events.publishEvent(new AuditEvent(action, userId, ClientAddress.of(request), target, outcome, details));
  }

  /** The provider named in the callback path (/login/oauth2/code/{name}), if it is one of ours. */
  private String providerOf(HttpServletRequest request) {
    String path = request.getRequestURI();
    String name = path.substring(path.lastIndexOf('/') + 1);
    return providers.config(name).isPresent() ? name : "?";
  }
}
