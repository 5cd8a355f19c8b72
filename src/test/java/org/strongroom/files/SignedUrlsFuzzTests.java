package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.strongroom.secrets.SecretKeyRing;
import org.strongroom.secrets.SecretKeys;
import org.strongroom.secrets.SecretsProperties;

/**
 * Signed download URLs as an attacker may forge them. Input lines: version id, expires,
 * signature. A forged URL never verifies, and nothing is thrown; a URL we signed verifies, and
 * it stops verifying when one character of its signature or version changes.
 */
class SignedUrlsFuzzTests {

  private static final Clock NOW = Clock.fixed(Instant.parse("2026-12-01T00:00:00Z"), ZoneOffset.UTC);
  private static final SignedUrls URLS = new SignedUrls(
      new SecretKeyRing(new SecretsProperties(SecretKeys.generate(), List.of())), NOW, Duration.ofSeconds(60));

  @FuzzTest(maxDuration = "30s")
  void signedUrls(byte[] input) {
    String[] parts = new String(input, StandardCharsets.UTF_8).split("\n", 3);
    String version = parts[0];
    String expires = parts.length > 1 ? parts[1] : null;
    String signature = parts.length > 2 ? parts[2] : null;

    assertThat(URLS.verify(version, expires, signature)).as("a forged URL").isFalse();

    String signed = URLS.sign(version);
    // The last "?expires=": a version id (in the fuzzer's hands) may itself hold a '?'.
    String query = signed.substring(signed.lastIndexOf("?expires=") + 1);
    String signedExpires = query.substring("expires=".length(), query.indexOf('&'));
    String signedSignature = query.substring(query.indexOf("signature=") + "signature=".length());
    assertThat(signed).startsWith(SignedUrls.PATH_PREFIX + version + "?expires=");
    assertThat(URLS.verify(version, signedExpires, signedSignature)).isTrue();
    assertThat(URLS.verify(version + "x", signedExpires, signedSignature)).isFalse();
    assertThat(URLS.verify(version, signedExpires, flipFirst(signedSignature))).isFalse();
  }

  private static String flipFirst(String signature) {
    char first = signature.charAt(0);
    return (first == 'A' ? 'B' : 'A') + signature.substring(1);
  }
}
