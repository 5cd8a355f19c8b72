package org.strongroom.accounts.csrf;

import jakarta.servlet.Filter;
import org.springframework.security.config.Customizer;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.config.annotation.web.configurers.CsrfConfigurer;
import org.springframework.security.web.util.matcher.RequestMatcher;
import org.springframework.stereotype.Component;

/**
 * The two CSRF layers, as the chains take them (through {@code accounts.AccountSecurity}): the
 * Origin / Sec-Fetch-Site check and the signed token, both covering the same requests.
 */
@Component
public class CsrfLayers {

  private final SignedCsrfTokens tokens;

  CsrfLayers(SignedCsrfTokens tokens) {
    this.tokens = tokens;
  }

  /**
   * @param json refuse with the JSON error body (API) rather than the error page
   * @param protectedRequests the requests the token check also covers (null: every unsafe request)
   */
  public Filter originCheck(boolean json, RequestMatcher protectedRequests) {
    return new OriginCheckFilter(json, protectedRequests == null ? request -> true : protectedRequests::matches);
  }

  /** The signed token, checked on {@code protectedRequests} (null: Spring's default, every unsafe request). */
  public Customizer<CsrfConfigurer<HttpSecurity>> tokenCheck(RequestMatcher protectedRequests) {
    return csrf -> {
      csrf.csrfTokenRepository(tokens).csrfTokenRequestHandler(new CsrfTokenHandler());
      if (protectedRequests != null) {
        csrf.requireCsrfProtectionMatcher(protectedRequests);
      }
    };
  }
}
