package org.strongroom.accounts.session;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.http.HttpHeaders;
import org.strongroom.cluster.RedisOutageLog;
import org.strongroom.core.JsonErrors;
import org.strongroom.core.RequestFilter;

/**
 * Around the session filter: while the session store (Redis) cannot be reached, a request that
 * needs its session gets {@code 503} with {@code Retry-After} and the JSON error body, not a
 * 500 with a stack trace. Requests that need no session (a token, anonymous API calls) pass.
 *
 * <p>The store may fail late: a page that opens a session saves it when the response is about
 * to be committed, that is in the middle of rendering the template, so the failure arrives
 * wrapped (by the template engine, then by the dispatcher servlet) and after the page has taken
 * the response's writer. Both are handled here; the half-rendered page is discarded. The failure
 * is counted in the {@link RedisOutageLog}, not logged per request.
 */
class SessionStoreUnavailableFilter extends RequestFilter {

  static final String MESSAGE = "Sessions are unavailable for a moment; try again shortly";

  private final RedisOutageLog outage;

  SessionStoreUnavailableFilter(RedisOutageLog outage) {
    this.outage = outage;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    try {
      chain.doFilter(request, response);
    } catch (ServletException | IOException | RuntimeException e) {
      Throwable unreachable = storeUnreachable(e);
      if (unreachable == null) {
        throw e;
      }
      outage.unreachable(unreachable);
      if (!response.isCommitted()) {
        response.setHeader(HttpHeaders.RETRY_AFTER, "5");
        JsonErrors.write(response, HttpServletResponse.SC_SERVICE_UNAVAILABLE, MESSAGE);
      }
    }
  }

  /** The store's own failure in the exception or its causes, or null when it is another failure. */
  static Throwable storeUnreachable(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof DataAccessResourceFailureException || cause instanceof QueryTimeoutException) {
        return cause;
      }
    }
    return null;
  }
}
