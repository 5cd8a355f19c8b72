package org.strongroom.secrets;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * {@code strongroom.secret-key} (default: the instance's {@code secret.key} file) and
 * {@code strongroom.secret-key-fallbacks} (older keys still accepted during a rotation).
 */
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
