package org.strongroom.accounts.csrf;

import java.util.function.Supplier;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.web.csrf.CsrfToken;
import org.springframework.security.web.csrf.CsrfTokenRequestAttributeHandler;

/**
 * Reads the submitted token from {@code X-CSRFToken}, else the form field {@code csrf_token}.
 * The token is compared as sent (no per-response masking): a browser app copies the cookie
 * into the header. When a session exists the token is loaded on every request, so the cookie
 * is always there for page scripts to read.
 */
class CsrfTokenHandler extends CsrfTokenRequestAttributeHandler {

  @Override
  public void handle(HttpServletRequest request, HttpServletResponse response, Supplier<CsrfToken> token) {
    super.handle(request, response, token);
    if (request.getSession(false) != null) {
      token.get();
    }
  }

  @Override
  public String resolveCsrfTokenValue(HttpServletRequest request, CsrfToken token) {
    String header = request.getHeader(SignedCsrfTokens.HEADER);
    return header != null ? header : request.getParameter(SignedCsrfTokens.FIELD);
  }
}
