package org.strongroom.secrets;

/**
 * A secret sealed by {@link SecretBox} that lives in the configuration rather than the
 * database (an S3 secret access key, an OpenID Connect client secret, an LDAP bind
 * password). A feature that reads such a value declares it through a {@link SealedSettings}
 * bean, and {@code strongroom instance migrate-secret-key} re-seals it with the database's
 * secrets. Its value is ciphertext: it may be printed, the secret inside never is.
 *
 * @param key     the configuration key, e.g. {@code strongroom.sso.oidc.corp.client-secret-sealed}
 * @param purpose the purpose the value was sealed for
 * @param value   the sealed value as configured
 */
@org.springframework.modulith.NamedInterface("sealing")
public record SealedSetting(String key, String purpose, String value) {

  public SealedSetting {
    if (key == null || !key.startsWith("strongroom.") || purpose == null || purpose.isBlank()) {
      throw new IllegalArgumentException("A sealed setting needs its strongroom.* key and its purpose");
    }
  }

  @Override
  public String toString() {
    return key + " (" + purpose + ")";
  }
}
