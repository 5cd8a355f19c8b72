package org.strongroom.secrets;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The instance secret and its predecessors. Both keys sit directly under {@code strongroom.}
 * (their names are the product contract), so this record is bound at that prefix and holds only them.
 *
 * @param secretKey          the instance secret (256 bits, base64url); every signing and
 *                           encryption key is derived from it. Default: the instance's
 *                           {@code secret.key} file, written by {@code setup} with mode 0600
 * @param secretKeyFallbacks older secret keys still accepted to verify and decrypt, during a
 *                           rotation without downtime
 */
@org.springframework.modulith.NamedInterface("key-management")
@ConfigurationProperties(prefix = "strongroom")
public record SecretsProperties(String secretKey, List<String> secretKeyFallbacks) {

  public SecretsProperties {
    secretKeyFallbacks = secretKeyFallbacks == null ? List.of() : List.copyOf(secretKeyFallbacks);
  }

  @Override
  public String toString() {
    return "SecretsProperties[secretKey=<hidden>, fallbacks=" + secretKeyFallbacks.size() + "]";
  }
}
