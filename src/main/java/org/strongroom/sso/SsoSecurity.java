package org.strongroom.sso;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.Authentication;
import org.springframework.security.oauth2.client.OAuth2AuthorizedClient;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserRequest;
import org.springframework.security.oauth2.client.oidc.userinfo.OidcUserService;
import org.springframework.security.oauth2.client.userinfo.OAuth2UserService;
import org.springframework.security.oauth2.client.web.DefaultOAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestCustomizers;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizationRequestResolver;
import org.springframework.security.oauth2.client.web.OAuth2AuthorizedClientRepository;
import org.springframework.security.oauth2.core.endpoint.OAuth2AuthorizationRequest;
import org.springframework.security.oauth2.core.oidc.user.DefaultOidcUser;
import org.springframework.security.oauth2.core.oidc.user.OidcUser;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.stereotype.Component;
import org.strongroom.accounts.ExternalSignIn;

/**
 * What the page chain applies for single sign-on: OpenID Connect login (code flow with PKCE,
 * state and nonce; {@code /oauth2/authorization/{name}} starts it, {@code /login/oauth2/code/{name}}
 * is the callback), and logout at the provider. With no provider configured, nothing is added.
 */
@org.springframework.modulith.NamedInterface("security")
@Component
public class SsoSecurity {

  static final String AUTHORIZATION_PATH = "/oauth2/authorization";

  private final OidcProviders providers;
  private final OidcLoginFlow flow;
  private final SsoLogout logout;
  private final ExternalSignIn signIn;

  SsoSecurity(OidcProviders providers, OidcLoginFlow flow, SsoLogout logout, ExternalSignIn signIn) {
    this.providers = providers;
    this.flow = flow;
    this.logout = logout;
    this.signIn = signIn;
  }

  public void configure(HttpSecurity http) throws Exception {
    if (!providers.any()) {
      return;
    }
    DefaultOAuth2AuthorizationRequestResolver requests =
        new DefaultOAuth2AuthorizationRequestResolver(providers, AUTHORIZATION_PATH);
    requests.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce());
    DefaultOAuth2AuthorizationRequestResolver reauthentication =
        new DefaultOAuth2AuthorizationRequestResolver(providers, AUTHORIZATION_PATH);
    reauthentication.setAuthorizationRequestCustomizer(OAuth2AuthorizationRequestCustomizers.withPkce()
        .andThen(builder -> builder.additionalParameters(parameters -> {
          parameters.put("prompt", "login");
          parameters.put("max_age", "0");
        })));
    http.oauth2Login(login -> login.loginPage("/login")
        .clientRegistrationRepository(providers)
        .authorizedClientRepository(new NoAuthorizedClients())
        .authorizationEndpoint(endpoint -> endpoint.authorizationRequestResolver(
            onlyAvailable(requests, reauthentication)))
        .userInfoEndpoint(userInfo -> userInfo.oidcUserService(identityOnly()))
        .successHandler(flow::onSuccess)
        .failureHandler(flow::onFailure));
  }

  /** Runs before the session ends at logout (add it to the logout configuration). */
  public LogoutHandler logoutHandler() {
    return logout.handler();
  }

  /** After logout: on to the provider's logout when there is one, else {@code target}. */
  public LogoutSuccessHandler logoutSuccessHandler(String target) {
    return logout.successHandler(target);
  }

  /**
   * A sign-in that confirms sudo mode ({@link SsoSudoController}) asks the provider to
   * authenticate the person again ({@code prompt=login}, {@code max_age=0}); the ID token's
   * {@code auth_time} is checked on the way back ({@link OidcLoginFlow}).
   *
   * <p>An unknown or unavailable provider starts nothing (Spring Security would answer 500): the
   * request goes on to the authorisation rules, which send the browser to the login page, where
   * the button says the provider is unavailable.
   */
  private OAuth2AuthorizationRequestResolver onlyAvailable(OAuth2AuthorizationRequestResolver resolver,
      OAuth2AuthorizationRequestResolver reauthentication) {
    return new OAuth2AuthorizationRequestResolver() {
      @Override
      public OAuth2AuthorizationRequest resolve(HttpServletRequest request) {
        String path = request.getRequestURI();
        return path.startsWith(AUTHORIZATION_PATH + "/")
            ? resolve(request, path.substring(AUTHORIZATION_PATH.length() + 1)) : null;
      }

      @Override
      public OAuth2AuthorizationRequest resolve(HttpServletRequest request, String registrationId) {
        if (registrationId == null || providers.findByRegistrationId(registrationId) == null) {
          return null;
        }
        boolean confirmingSudo = signIn.pendingSudo(request)
            .filter(intent -> intent.via().equals(OidcLoginFlow.method(registrationId))).isPresent();
        return (confirmingSudo ? reauthentication : resolver).resolve(request, registrationId);
      }
    };
  }

  /**
   * The provider's user, stripped of authorities: it is only an identity to match
   * ({@link OidcAccounts}); rights come from the local account it signs into.
   */
  private static OAuth2UserService<OidcUserRequest, OidcUser> identityOnly() {
    OidcUserService delegate = new OidcUserService();
    return request -> {
      OidcUser user = delegate.loadUser(request);
      return new DefaultOidcUser(java.util.List.of(), user.getIdToken(), user.getUserInfo());
    };
  }

  /**
   * Strongroom calls no provider API after sign-in, so the access token is not kept (the
   * default would keep every user's in memory, for ever).
   */
  private static final class NoAuthorizedClients implements OAuth2AuthorizedClientRepository {
    @Override
    public <T extends OAuth2AuthorizedClient> T loadAuthorizedClient(String registrationId, Authentication principal,
        HttpServletRequest request) {
      return null;
    }

    @Override
    public void saveAuthorizedClient(OAuth2AuthorizedClient client, Authentication principal,
        HttpServletRequest request, HttpServletResponse response) {}

    @Override
    public void removeAuthorizedClient(String registrationId, Authentication principal, HttpServletRequest request,
        HttpServletResponse response) {}
  }
}
