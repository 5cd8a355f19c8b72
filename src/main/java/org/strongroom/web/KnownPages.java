package org.strongroom.web;

import java.util.List;

import java.io.IOException;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationContext;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.web.AuthenticationEntryPoint;
import org.springframework.security.web.access.AccessDeniedHandler;
import org.springframework.security.web.access.AccessDeniedHandlerImpl;
import org.springframework.security.web.authentication.LoginUrlAuthenticationEntryPoint;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;

/**
 * The pages' answer to a refused request. A path that no page handles is a 404 for everyone,
 * signed in or not: sending an anonymous visitor to the login page, or a signed-in one a 403,
 * would say that something lives there. A known page keeps the usual answers (the login page
 * for a visitor, 403 for a user without the right).
 */
final class KnownPages implements AuthenticationEntryPoint, AccessDeniedHandler {

  private final ApplicationContext context;
  private final AuthenticationEntryPoint login = new LoginUrlAuthenticationEntryPoint("/login");
  private final AccessDeniedHandler denied = new AccessDeniedHandlerImpl();

  KnownPages(ApplicationContext context) {
    this.context = context;
  }

  @Override
  public void commence(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException, ServletException {
    if (known(request)) {
      login.commence(request, response, e);
    } else {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, AccessDeniedException e)
      throws IOException, ServletException {
    if (known(request)) {
      denied.handle(request, response, e);
    } else {
      response.sendError(HttpServletResponse.SC_NOT_FOUND);
    }
  }

  /** Paths answered by Spring Security's own filters (sign-in with a provider, passkeys), not by a controller. */
  private static final List<String> FILTER_PATHS = List.of("/oauth2/authorization/", "/login/oauth2/code/",
      "/webauthn/", "/login/webauthn");

  /** Whether a controller method maps this path (with any method: a wrong method is not "unknown"). */
  boolean known(HttpServletRequest request) {
    String path = request.getRequestURI().substring(request.getContextPath().length());
    if (FILTER_PATHS.stream().anyMatch(path::startsWith)) {
      return true;
    }
    RequestMappingHandlerMapping mapping = context.getBean("requestMappingHandlerMapping",
        RequestMappingHandlerMapping.class);
    boolean parsed = ServletRequestPathUtils.hasParsedRequestPath(request);
    if (!parsed) {
      ServletRequestPathUtils.parseAndCache(request);
    }
    try {
      HandlerExecutionChain chain = mapping.getHandler(request);
      return chain != null;
    } catch (Exception methodOrTypeMismatch) {
      return true;
    } finally {
      if (!parsed) {
        ServletRequestPathUtils.clearParsedRequestPath(request);
      }
    }
  }
}
