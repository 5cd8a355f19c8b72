package org.strongroom.accounts.csrf;

import java.io.IOException;
import java.util.Locale;
import java.util.Set;
import java.util.function.Predicate;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.strongroom.accounts.session.SessionCookies;
import org.strongroom.core.JsonErrors;
import org.strongroom.core.RequestFilter;

/**
 * The second layer behind the CSRF token: an unsafe request that a browser marks as coming
 * from another site ({@code Sec-Fetch-Site: cross-site / same-site}, or an {@code Origin} that
 * is not this server's) is refused with 403. Requests without either header (scripts, older
 * browsers) pass on to the token check. Requests carrying only a Bearer token are exempt:
 * there is no ambient credential to abuse.
 */
class OriginCheckFilter extends RequestFilter {

  static final String MESSAGE = "Cross-origin request refused";
  private static final Set<String> SAFE = Set.of("GET", "HEAD", "OPTIONS", "TRACE");
  private static final Set<String> ALLOWED_FETCH_SITES = Set.of("same-origin", "none");

  private final boolean json;
  private final Predicate<HttpServletRequest> protectedRequest;

  /**
   * @param json             answer with the JSON error body (API) rather than the error page
   * @param protectedRequest the requests this chain also protects with the CSRF token, so
   *                         that both layers cover the same requests
   */
  OriginCheckFilter(boolean json, Predicate<HttpServletRequest> protectedRequest) {
    this.json = json;
    this.protectedRequest = protectedRequest;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    if (SAFE.contains(request.getMethod()) || bearerOnly(request) || !protectedRequest.test(request)
        || sameOrigin(request)) {
      chain.doFilter(request, response);
      return;
    }
    if (json) {
      JsonErrors.write(response, HttpServletResponse.SC_FORBIDDEN, MESSAGE);
    } else {
      response.sendError(HttpServletResponse.SC_FORBIDDEN);
    }
  }

  static boolean sameOrigin(HttpServletRequest request) {
    String fetchSite = request.getHeader("Sec-Fetch-Site");
    if (fetchSite != null && !ALLOWED_FETCH_SITES.contains(fetchSite.toLowerCase(Locale.ROOT))) {
      return false;
    }
    String origin = request.getHeader(HttpHeaders.ORIGIN);
    return origin == null || origin.equalsIgnoreCase(ownOrigin(request));
  }

  private static String ownOrigin(HttpServletRequest request) {
    String scheme = request.getScheme().toLowerCase(Locale.ROOT);
    int port = request.getServerPort();
    boolean defaultPort = port <= 0 || ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
    return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port);
  }

  private static boolean bearerOnly(HttpServletRequest request) {
    return request.getHeader(HttpHeaders.AUTHORIZATION) != null && !SessionCookies.present(request);
  }
}
