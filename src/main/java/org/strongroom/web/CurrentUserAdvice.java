package org.strongroom.web;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ModelAttribute;
import org.strongroom.core.Caller;
import org.strongroom.core.Callers;

/** Gives every page the signed-in user's e-mail address (or null) for the header. */
@ControllerAdvice(annotations = Controller.class)
class CurrentUserAdvice {

  @ModelAttribute("currentUser")
  String currentUser() {
    return Callers.current().map(Caller::email).orElse(null);
  }

  /**
   * Reading the token makes Spring Security issue the CSRF cookie with every page of a visitor
   * who has a session. Tokens are bound to the session, so an anonymous visitor without one
   * gets none here (pages with a form create the session when they render the token); a
   * flood of page views therefore creates no sessions.
   */
  @ModelAttribute("csrfToken")
  String csrfToken(HttpServletRequest request) {
    return request.getSession(false) != null
        && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token ? token.getToken() : null;
  }
}
