package org.strongroom.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import jakarta.servlet.Filter;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.security.web.FilterChainProxy;
import org.springframework.security.web.SecurityFilterChain;

/**
 * The filters of the three security chains, in the order they run. Each feature contributes its
 * part through its security facade and {@code web/SecurityConfiguration} places them; the order
 * is what makes the rate limits, the token check, the session check and the CSRF layers work
 * (see that class), so it is written down here and a change to it has to be made on purpose.
 * Here, beside the SSO tests, because the page chain has the sign-in filters only with a
 * provider configured (and their context is shared).
 */
class SecurityChainOrderIntegrationTests extends SsoAccountsIntegrationBase {

  @Autowired FilterChainProxy chains;

  @Test
  void theChainsRunTheirFiltersInTheOrderWrittenDown() {
    List<SecurityFilterChain> all = chains.getFilterChains();
    assertThat(all).hasSize(3);
    assertThat(names(all.get(0))).as("management chain").containsExactly(
        "DisableEncodeUrlFilter",
        "WebAsyncManagerIntegrationFilter",
        "SecurityContextHolderFilter",
        "HeaderWriterFilter",
        "SecurityContextHolderAwareRequestFilter",
        "AnonymousAuthenticationFilter",
        "SessionManagementFilter",
        "ExceptionTranslationFilter",
        "AuthorizationFilter");
    assertThat(names(all.get(1))).as("API chain").containsExactly(
        "WebAsyncManagerIntegrationFilter",
        "SecurityContextHolderFilter",
        "SessionValidationFilter",
        "HeaderWriterFilter",
        "OriginCheckFilter",
        "CsrfFilter",
        "LoginRateLimitFilter",
        "BearerTokenAuthenticationFilter",
        "AnonymousAuthenticationFilter",
        "RequestRateLimitFilter",
        "ExceptionTranslationFilter",
        "AuthorizationFilter");
    assertThat(names(all.get(2))).as("page chain").containsExactly(
        "DisableEncodeUrlFilter",
        "WebAsyncManagerIntegrationFilter",
        "SecurityContextHolderFilter",
        "SessionValidationFilter",
        "HeaderWriterFilter",
        "OriginCheckFilter",
        "CsrfFilter",
        "LogoutFilter",
        "LoginRateLimitFilter",
        "OAuth2AuthorizationRequestRedirectFilter",
        "OAuth2LoginAuthenticationFilter",
        "UsernamePasswordAuthenticationFilter",
        "WebAuthnAuthenticationFilter",
        "RequestCacheAwareFilter",
        "SecurityContextHolderAwareRequestFilter",
        "AnonymousAuthenticationFilter",
        "RequestRateLimitFilter",
        "ExceptionTranslationFilter",
        "RegistrationNeedsSudo",
        "PublicKeyCredentialCreationOptionsFilter",
        "PublicKeyCredentialRequestOptionsFilter",
        "AuthorizationFilter",
        "WebAuthnRegistrationFilter");
  }

  private static List<String> names(SecurityFilterChain chain) {
    return chain.getFilters().stream().map(Filter::getClass).map(Class::getSimpleName).toList();
  }
}
