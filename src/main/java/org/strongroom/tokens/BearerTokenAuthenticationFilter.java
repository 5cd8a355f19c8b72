package org.strongroom.tokens;

import java.io.IOException;
import java.util.List;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.context.TransientSecurityContext;
import org.strongroom.core.Caller;
import org.strongroom.core.ClientAddress;
import org.strongroom.core.JsonErrors;
import org.strongroom.core.RequestFilter;

/**
 * Authenticates {@code Authorization: Bearer sr_…}. Any Authorization header that does not
 * lead to a valid token is refused with one and the same 401, whatever was wrong with it.
 * Tokens are read from this header only, never from the URL or a form field. Placed in the API
 * chain through {@link TokenSecurity}.
 */
class BearerTokenAuthenticationFilter extends RequestFilter {

  static final String INVALID_TOKEN_MESSAGE = "The access token is invalid, expired or revoked.";
  private static final String BEARER = "Bearer ";
  /** The roles a token grants, the same immutable lists for every request. */
  private static final List<SimpleGrantedAuthority> USER = List.of(new SimpleGrantedAuthority("ROLE_USER"));
  private static final List<SimpleGrantedAuthority> SUPERUSER =
      List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_SUPERUSER"));

  private final TokenAuthentication tokens;

  BearerTokenAuthenticationFilter(TokenAuthentication tokens) {
    this.tokens = tokens;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String header = request.getHeader(HttpHeaders.AUTHORIZATION);
    if (header == null) {
      chain.doFilter(request, response);
      return;
    }
    Optional<Caller> caller = header.regionMatches(true, 0, BEARER, 0, BEARER.length())
        ? tokens.authenticate(header.substring(BEARER.length()).strip(), ClientAddress.of(request))
        : Optional.empty();
    if (caller.isEmpty()) {
      response.setHeader(HttpHeaders.WWW_AUTHENTICATE, "Bearer error=\"invalid_token\"");
      JsonErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, INVALID_TOKEN_MESSAGE);
      return;
    }
    // ROLE_SUPERUSER only for a token with the admin scope whose owner is a superuser now.
    var authorities = caller.get().superuser() ? SUPERUSER : USER;
    // Transient: a token authenticates its own request and is never saved into a session. Else a
    // token sent along with a session cookie would sign that session in (Spring Security's
    // SessionManagementFilter saves a context authenticated during the request), even a session
    // still waiting for its second factor (TwoFactorContract).
    SecurityContextHolder.setContext(new TransientSecurityContext(
        UsernamePasswordAuthenticationToken.authenticated(caller.get(), null, authorities)));
    chain.doFilter(request, response);
  }
}
