package org.strongroom.tokens;

import jakarta.servlet.Filter;
import org.springframework.stereotype.Component;

/**
 * What the API chain takes from tokens: the filter that authenticates {@code Authorization:
 * Bearer sr_…}. The chain (web/SecurityConfiguration) decides where it runs; the filter itself
 * stays inside this feature.
 */
@org.springframework.modulith.NamedInterface("security")
@Component
public class TokenSecurity {

  private final Filter bearerTokens;

  TokenSecurity(AccessTokens tokens) {
    this.bearerTokens = new BearerTokenAuthenticationFilter(tokens.authentication());
  }

  /**
   * Authenticates a request by its Bearer token, for that request only (never into a session),
   * and answers any Authorization header that names no valid token with the same 401. Goes
   * before anonymous authentication.
   */
  public Filter bearerTokens() {
    return bearerTokens;
  }
}
