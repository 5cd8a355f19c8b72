package org.strongroom.sso;

import java.nio.charset.StandardCharsets;

import org.strongroom.secrets.SecretBox;

/** Seals and opens OpenID Connect client secrets ({@code strongroom.sso.oidc.<name>.client-secret-sealed}). */
@org.springframework.modulith.NamedInterface("secrets")
public final class SsoSecrets {

  static final String PURPOSE = "sso-oidc-client-secret";

  private SsoSecrets() {}

  public static String seal(SecretBox box, String clientSecret) {
    return box.seal(PURPOSE, clientSecret.getBytes(StandardCharsets.UTF_8));
  }

  static String open(SecretBox box, String sealed) {
    return new String(box.open(PURPOSE, sealed), StandardCharsets.UTF_8);
  }
}
