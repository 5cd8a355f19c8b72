package org.strongroom.accounts.password;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.strongroom.accounts.users.UserStore;
import org.strongroom.core.Callers;

/**
 * A user whom an administrator asked to choose a new password sees only the security page
 * (and can log out) until they have. Pages only: tokens are scripts' credentials, revoked on
 * their own page if they are in doubt.
 */
@Configuration(proxyBeanMethods = false)
class PasswordResetInterceptor implements HandlerInterceptor, WebMvcConfigurer {

  static final String SECURITY_PAGE = "/account/security";

  private final UserStore users;

  PasswordResetInterceptor(UserStore users) {
    this.users = users;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this).excludePathPatterns("/api/**", SECURITY_PAGE, SECURITY_PAGE + "/**", "/logout",
        "/login", "/login/**", "/css/**", "/js/**", "/error");
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws Exception {
    var caller = Callers.current();
    if (caller.isEmpty() || !"session".equals(caller.get().authMethod())
        || !users.passwordResetRequired(caller.get().userId())) {
      return true;
    }
    response.sendRedirect(SECURITY_PAGE + "?reset=required");
    return false;
  }
}
