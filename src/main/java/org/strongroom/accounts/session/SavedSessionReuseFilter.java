package org.strongroom.accounts.session;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.strongroom.core.RequestFilter;

/**
 * Around the session filter: the request scope in which a session saved at the end of the
 * request is not read back from Redis ({@link CoarseLastAccessSessionRepository}). The scope
 * ends with the request, so nothing saved in one request is ever served to another.
 */
class SavedSessionReuseFilter extends RequestFilter {

  private final CoarseLastAccessSessionRepository<?> sessions;

  SavedSessionReuseFilter(CoarseLastAccessSessionRepository<?> sessions) {
    this.sessions = sessions;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    boolean opened = sessions.openRequestScope();
    try {
      chain.doFilter(request, response);
    } finally {
      if (opened) {
        sessions.closeRequestScope();
      }
    }
  }
}
