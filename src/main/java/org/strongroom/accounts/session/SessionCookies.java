package org.strongroom.accounts.session;

import jakarta.servlet.http.Cookie;
import jakarta.servlet.http.HttpServletRequest;

/** Whether a request carries the session cookie: the condition for CSRF protection. */
public final class SessionCookies {

  public static final String NAME = SessionStoreConfiguration.SESSION_COOKIE;

  private SessionCookies() {}

  public static boolean present(HttpServletRequest request) {
    if (request.getCookies() == null) {
      return false;
    }
    for (Cookie cookie : request.getCookies()) {
      if (NAME.equals(cookie.getName())) {
        return true;
      }
    }
    return false;
  }
}
