package org.strongroom.sso;

import java.util.Collection;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.security.oauth2.core.oidc.user.OidcUser;

/**
 * What a provider said about the person signing in, read from the verified ID token (and
 * user-info). The e-mail address counts only when the provider says it verified it.
 */
record OidcIdentity(String provider, String issuer, String subject, String email, boolean emailVerified,
    OidcUser claims) {

  /** RFC 8176 {@code amr} value, and the OpenID PAPE {@code acr}, that say a second factor was used. */
  private static final String MFA_AMR = "mfa";
  private static final Set<String> MFA_ACR = Set.of("http://schemas.openid.net/pape/policies/2007/06/multi-factor",
      "http://schemas.openid.net/pape/policies/2007/06/multi-factor-physical");

  static OidcIdentity of(String provider, OidcUser user) {
    String email = user.getEmail() == null ? null : user.getEmail().strip().toLowerCase(Locale.ROOT);
    return new OidcIdentity(provider, user.getIssuer().toString(), user.getSubject(), email,
        Boolean.TRUE.equals(user.getEmailVerified()), user);
  }

  /** The verified e-mail address, or null. */
  String verifiedEmail() {
    return emailVerified && email != null && !email.isEmpty() ? email : null;
  }

  boolean provesSecondFactor() {
    List<String> amr = claims.getAuthenticationMethods();
    String acr = claims.getAuthenticationContextClass();
    return (amr != null && amr.contains(MFA_AMR)) || (acr != null && MFA_ACR.contains(acr));
  }

  /** Whether the claim holds the value (as a string, or as one element of a list). */
  boolean claimHolds(String claim, String value) {
    Object held = claims.getClaims().get(claim);
    if (held instanceof Collection<?> values) {
      return values.stream().anyMatch(v -> value.equals(String.valueOf(v)));
    }
    return held != null && value.equals(String.valueOf(held));
  }

  @Override
  public String toString() {
    return "OidcIdentity[provider=" + provider + ", issuer=" + issuer + "]";
  }
}
