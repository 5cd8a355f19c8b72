package org.strongroom.accounts.sudo;

import java.net.URLEncoder;
import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.annotation.AnnotatedElementUtils;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerInterceptor;
import org.springframework.web.servlet.config.annotation.InterceptorRegistry;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;
import org.strongroom.accounts.Sudo;
import org.strongroom.accounts.annotations.RequiresSudo;
import org.strongroom.core.JsonErrors;

/**
 * Enforces sudo mode before the handler runs: on everything under {@code /admin/} and
 * {@code /api/admin/} (superuser pages and API, whichever feature owns them, without having to
 * remember an annotation) and on every handler annotated {@link RequiresSudo}. Only browser
 * sessions are asked; token callers pass ({@link Sudo#satisfied}).
 */
@Configuration(proxyBeanMethods = false)
class SudoInterceptor implements HandlerInterceptor, WebMvcConfigurer {

  private final Sudo sudo;

  SudoInterceptor(Sudo sudo) {
    this.sudo = sudo;
  }

  @Override
  public void addInterceptors(InterceptorRegistry registry) {
    registry.addInterceptor(this);
  }

  @Override
  public boolean preHandle(HttpServletRequest request, HttpServletResponse response, Object handler)
      throws Exception {
    if (!(handler instanceof HandlerMethod method) || !needsSudo(method, request) || sudo.satisfied(request)) {
      return true;
    }
    if (request.getRequestURI().startsWith("/api/")) {
      JsonErrors.write(response, HttpServletResponse.SC_FORBIDDEN, Sudo.REQUIRED_MESSAGE);
    } else {
      String next = "GET".equals(request.getMethod()) ? request.getRequestURI() : "/";
      response.sendRedirect(Sudo.CONFIRM_PATH + "?next=" + URLEncoder.encode(next, StandardCharsets.UTF_8));
    }
    return false;
  }

  static final String ADMIN_PAGES = "/admin/";
  static final String ADMIN_API = "/api/admin/";

  /**
   * Whether a controller class is annotated, remembered per class: searching a (proxied) class's
   * hierarchy on every request was a measurable cost (docs/development/performance.md).
   */
  private static final ClassValue<Boolean> SUDO_CLASSES = new ClassValue<>() {
    @Override
    protected Boolean computeValue(Class<?> type) {
      return AnnotatedElementUtils.hasAnnotation(type, RequiresSudo.class);
    }
  };

  private static boolean needsSudo(HandlerMethod method, HttpServletRequest request) {
    String path = request.getRequestURI();
    return path.startsWith(ADMIN_PAGES) || path.startsWith(ADMIN_API) || method.hasMethodAnnotation(RequiresSudo.class)
        || SUDO_CLASSES.get(method.getBeanType());
  }
}
