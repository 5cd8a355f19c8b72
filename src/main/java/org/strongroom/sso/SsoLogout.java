package org.strongroom.sso;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.oauth2.client.registration.ClientRegistration;
import org.springframework.security.web.authentication.logout.LogoutHandler;
import org.springframework.security.web.authentication.logout.LogoutSuccessHandler;
import org.springframework.stereotype.Component;
import org.springframework.web.util.UriComponentsBuilder;
import org.strongroom.core.BaseUrl;

/**
 * Logout after a single sign-on: the local session ends as always; then, when the provider
 * offers RP-initiated logout ({@code end_session_endpoint}), the browser is sent there too,
 * with this client's id and the login page as the way back. It goes by a page that refreshes
 * to the provider rather than by a redirect from the logout form, which the CSP's
 * {@code form-action 'self'} would block. No ID token in that URL ({@code id_token_hint} is
 * optional when {@code client_id} is given): tokens never travel in URLs.
 */
@Component
class SsoLogout {

  static final String END_SESSION_URL = "strongroom.sso.end-session-url";
  static final String PAGE = "/logout/provider";

  private final OidcProviders providers;

  SsoLogout(OidcProviders providers) {
    this.providers = providers;
  }

  /** Runs before the session is invalidated: notes where the provider's logout is. */
  LogoutHandler handler() {
    return (request, response, authentication) -> {
      HttpSession session = request.getSession(false);
      if (session != null && session.getAttribute(OidcLoginFlow.SIGNED_IN_WITH) instanceof String name) {
        ClientRegistration registration = providers.findByRegistrationId(name);
        Object endpoint = registration == null ? null
            : registration.getProviderDetails().getConfigurationMetadata().get("end_session_endpoint");
        if (endpoint != null) {
          request.setAttribute(END_SESSION_URL, UriComponentsBuilder.fromUriString(endpoint.toString())
              .queryParam("client_id", registration.getClientId())
              .queryParam("post_logout_redirect_uri", BaseUrl.of(request) + "/login?logout")
              .encode().build().toUriString());
        }
      }
    };
  }

  LogoutSuccessHandler successHandler(String target) {
    return (request, response, authentication) -> {
      if (request.getAttribute(END_SESSION_URL) != null) {
        try {
          request.getRequestDispatcher(PAGE).forward(request, response);
        } catch (jakarta.servlet.ServletException e) {
          throw new IOException(e);
        }
      } else {
        response.sendRedirect(target);
      }
    };
  }
}
