package org.strongroom.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.strongroom.core.JsonErrors;
import org.strongroom.core.RequestFilter;

/**
 * The database failing under a filter (token or session checks run before any controller)
 * would otherwise reach the container as a 500: answer {@code 503} with the JSON error body (the
 * error page outside {@code /api/}) and {@code Retry-After}, as the controllers' handlers do.
 */
@Order(PerimeterOrder.UNAVAILABLE)
class UnavailableFilter extends RequestFilter {

  private static final Logger log = LoggerFactory.getLogger(UnavailableFilter.class);

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | RuntimeException e) {
      if (!Unavailable.check(e) || response.isCommitted()) {
        throw e;
      }
      log.warn("Answered 503: the database is unreachable ({})", e.toString());
      response.resetBuffer();
      response.setHeader("Retry-After", Unavailable.RETRY_AFTER_SECONDS);
      if (request.getRequestURI().startsWith("/api/")) {
        JsonErrors.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, Unavailable.MESSAGE);
      } else {
        response.sendError(HttpServletResponse.SC_SERVICE_UNAVAILABLE);
      }
    }
  }
}
