package org.strongroom.core;

import jakarta.servlet.http.HttpServletRequest;

import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;

/**
 * The URL the client reached the application at (scheme, host, port unless the scheme's
 * default, context path), as the links in API documents begin. The text Spring's
 * {@code ServletUriComponentsBuilder.fromContextPath(request).build().toUriString()} gives
 * (BaseUrlTests compares the two), put together directly: the builder's parsing and copying
 * cost every request that builds a link (docs/development/performance.md). Host, scheme and port are
 * those the perimeter has already checked and, behind a trusted proxy, taken from it.
 */
public final class BaseUrl {

  private BaseUrl() {}

  /** The base URL of the request being handled on this thread. */
  public static String current() {
    return of(((ServletRequestAttributes) RequestContextHolder.currentRequestAttributes()).getRequest());
  }

  public static String of(HttpServletRequest request) {
    String scheme = request.getScheme();
    int port = request.getServerPort();
    StringBuilder url = new StringBuilder(64).append(scheme).append("://").append(request.getServerName());
    boolean otherThanDefault = ("http".equals(scheme) && port != 80) || ("https".equals(scheme) && port != 443);
    if (otherThanDefault && port >= 0) {
      url.append(':').append(port);
    }
    return url.append(request.getContextPath()).toString();
  }
}
