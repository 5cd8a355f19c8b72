package org.strongroom.ratelimit;

import jakarta.servlet.http.HttpServletRequest;

/**
 * Which requests the limiter looks at. Paths are read after Spring Security's firewall has
 * refused {@code ..}, {@code //}, {@code ;} and encoded slashes, so a prefix test is exact.
 */
final class LimitedPaths {

  private LimitedPaths() {}

  static String path(HttpServletRequest request) {
    return request.getRequestURI().substring(request.getContextPath().length());
  }

  /** Static assets are not counted: a page load would otherwise cost several requests. */
  static boolean isStaticAsset(HttpServletRequest request) {
    String path = path(request);
    return path.startsWith("/css/") || path.startsWith("/js/") || path.equals("/favicon.ico");
  }

  /**
   * Forms that take a password or a second factor, and the two steps of a sign-in through a
   * provider: the {@code login} class. A provider's start keeps an authorization request in a
   * new session and its return exchanges a code with the provider, so neither may be repeated
   * without bound.
   */
  static boolean isLoginRequest(HttpServletRequest request) {
    String path = path(request);
    if ("GET".equals(request.getMethod()) || "HEAD".equals(request.getMethod())) {
      return path.startsWith("/oauth2/authorization/") || path.startsWith("/login/oauth2/code/");
    }
    if (!"POST".equals(request.getMethod())) {
      return false;
    }
    return path.equals("/login") || path.equals("/login/mfa") || path.equals("/login/directory")
        || path.equals("/login/webauthn")
        || path.equals("/account/sudo")
        || path.equals("/account/security") || path.startsWith("/account/security/");
  }

  static boolean isApi(HttpServletRequest request) {
    return path(request).startsWith("/api/");
  }
}
