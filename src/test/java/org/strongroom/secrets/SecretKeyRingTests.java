package org.strongroom.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.util.List;

import org.junit.jupiter.api.Test;

/**
 * The key ring hands features signing keys only: the keys that seal secrets stay inside
 * {@link SecretBox}, so no feature can derive one and open a sealed secret past it.
 */
class SecretKeyRingTests {

  static final String OLD = SecretKeys.generate();
  static final SecretKeyRing RING = new SecretKeyRing(new SecretsProperties(SecretKeys.generate(), List.of(OLD)));

  @Test
  void aSealingKeyIsNotHandedOut() {
    String sealing = SecretKeyRing.SEALING_PREFIX + "sso-client-secret";
    assertThatThrownBy(() -> RING.signingKey(sealing)).isInstanceOf(IllegalArgumentException.class)
        .hasMessageContaining("SecretBox");
    assertThatThrownBy(() -> RING.signingKeyFallbacks(sealing)).isInstanceOf(IllegalArgumentException.class);
  }

  @Test
  void eachPurposeGetsItsOwnSigningKeyFromEachKey() {
    assertThat(RING.signingKey("csrf")).hasSize(32).isNotEqualTo(RING.signingKey("files-url"));
    assertThat(RING.signingKeyFallbacks("csrf")).singleElement()
        .isEqualTo(SecretKeyRing.derive(SecretKeys.decode(OLD), "csrf")).isNotEqualTo(RING.signingKey("csrf"));
  }

  @Test
  void theSealingKeyIsStillTheOneSecretBoxUses() {
    SecretBox box = new SecretBox(RING);
    String sealed = box.seal("sso-client-secret", "s3cret".getBytes(java.nio.charset.StandardCharsets.UTF_8));
    assertThat(new String(box.open("sso-client-secret", sealed), java.nio.charset.StandardCharsets.UTF_8))
        .isEqualTo("s3cret");
  }
}
