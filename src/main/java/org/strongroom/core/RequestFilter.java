package org.strongroom.core;

import java.io.IOException;

import jakarta.servlet.DispatcherType;
import jakarta.servlet.Filter;
import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.ServletRequest;
import jakarta.servlet.ServletResponse;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;

/**
 * A filter that acts once per client request: on the container's REQUEST dispatch, and not on
 * the ERROR, FORWARD, INCLUDE or ASYNC dispatches that follow inside it. That is what Spring's
 * {@code OncePerRequestFilter} does for us with its defaults, but it marks, checks and unmarks
 * a request attribute in every filter of every request to get there. Ours asks the dispatcher
 * type instead, which made the eleven filters a record read passes cheaper
 * (docs/development/performance.md).
 */
public abstract class RequestFilter implements Filter {

  @Override
  public final void doFilter(ServletRequest request, ServletResponse response, FilterChain chain)
      throws IOException, ServletException {
    if (request.getDispatcherType() == DispatcherType.REQUEST
        && request instanceof HttpServletRequest http && response instanceof HttpServletResponse httpResponse
        && !shouldNotFilter(http)) {
      doFilterInternal(http, httpResponse, chain);
    } else {
      chain.doFilter(request, response);
    }
  }

  /** Whether this request passes through untouched; by default none does. */
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return false;
  }

  protected abstract void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException;
}
