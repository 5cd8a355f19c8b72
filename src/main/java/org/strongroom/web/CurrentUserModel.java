package org.strongroom.web;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.ModelAndView;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.strongroom.core.Caller;
import org.strongroom.core.Callers;

/**
 * Gives every rendered page the signed-in user's e-mail address (or null) for the header, and
 * the CSRF token. An interceptor rather than a {@code @ControllerAdvice}: advice model methods
 * would run for every API call too (a {@code @RestController} is a {@code @Controller}), and
 * API responses have no model.
 */
@Configuration(proxyBeanMethods = false)
class CurrentUserModel implements WebMvcConfigurer, HandlerInterceptor {

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  @Override
  public void postHandle(HttpServletRequest request, HttpServletResponse response, Object handler,
      ModelAndView view) {
    if (view == null || !rendersTemplate(view)) {
      return;
    }
    view.addObject("currentUser", Callers.current().map(Caller::email).orElse(null));
    view.addObject("currentUserSuperuser", Callers.current().map(Caller::superuser).orElse(false));
    view.addObject("csrfToken", csrfToken(request));
  }

  /** A redirect would copy model attributes into its URL: never put the user's address there. */
  private static boolean rendersTemplate(ModelAndView view) {
    String name = view.getViewName();
    return name != null && !name.startsWith("redirect:") && !name.startsWith("forward:");
  }

  /**
   * Reading the token makes Spring Security issue the CSRF cookie with every page of a visitor
   * who has a session. Tokens are bound to the session, so an anonymous visitor without one
   * gets none here (pages with a form create the session when they render the token); a
   * flood of page views therefore creates no sessions.
   */
  private static String csrfToken(HttpServletRequest request) {
    return request.getSession(false) != null
        && request.getAttribute(CsrfToken.class.getName()) instanceof CsrfToken token ? token.getToken() : null;
  }
}
