package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.strongroom.secrets.SecretKeyRing;
import org.strongroom.secrets.SecretKeys;
import org.strongroom.secrets.SecretsProperties;

class SignedUrlsTests {

  static final String OLD = SecretKeys.generate();
  static final String NEW = SecretKeys.generate();
  static final String VERSION = "0123456789abcdef0123456789abcdef";
  static final Clock NOW = Clock.fixed(Instant.parse("2026-11-23T06:00:00Z"), ZoneOffset.UTC);

  static SignedUrls urls(String key, List<String> fallbacks, Clock clock) {
    return new SignedUrls(new SecretKeyRing(new SecretsProperties(key, fallbacks)), clock, Duration.ofSeconds(60));
  }

  static String[] parts(String url) {
    String query = url.substring(url.indexOf('?') + 1);
    return new String[] {query.replaceAll("expires=(\\d+)&.*", "$1"), query.replaceAll(".*signature=", "")};
  }

  @Test
  void urlsMadeUnderAFallbackKeyStayValidDuringARotation() {
    String[] old = parts(urls(OLD, List.of(), NOW).sign(VERSION));
    assertThat(urls(NEW, List.of(OLD), NOW).verify(VERSION, old[0], old[1])).isTrue();
    assertThat(urls(NEW, List.of(), NOW).verify(VERSION, old[0], old[1])).isFalse();
  }

  @Test
  void expiresAfterItsLifetime() {
    String[] signed = parts(urls(NEW, List.of(), NOW).sign(VERSION));
    assertThat(signed[0]).isEqualTo(Long.toString(NOW.instant().getEpochSecond() + 60));
    assertThat(urls(NEW, List.of(), Clock.offset(NOW, Duration.ofSeconds(60))).verify(VERSION, signed[0], signed[1])).isTrue();
    assertThat(urls(NEW, List.of(), Clock.offset(NOW, Duration.ofSeconds(61))).verify(VERSION, signed[0], signed[1])).isFalse();
  }

  @Test
  void bindsTheVersionAndTheExpiry() {
    SignedUrls urls = urls(NEW, List.of(), NOW);
    String[] signed = parts(urls.sign(VERSION));
    assertThat(urls.verify("fedcba9876543210fedcba9876543210", signed[0], signed[1])).isFalse();
    assertThat(urls.verify(VERSION, Long.toString(Long.parseLong(signed[0]) + 1), signed[1])).isFalse();
    assertThat(urls.verify(VERSION, signed[0], "not base64 !")).isFalse();
    assertThat(urls.verify(VERSION, null, signed[1])).isFalse();
    assertThat(urls.verify(VERSION, "99999999999999999999", signed[1])).isFalse();
  }

  /**
   * 32 bytes are 43 base64 characters whose last one carries 2 spare bits: the three other
   * spellings of that character decode to the same MAC and must be refused all the same.
   */
  @Test
  void onlyTheCanonicalSpellingOfTheSignatureIsAccepted() {
    SignedUrls urls = urls(NEW, List.of(), NOW);
    String[] signed = parts(urls.sign(VERSION));
    String alphabet = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789-_";
    int last = alphabet.indexOf(signed[1].charAt(signed[1].length() - 1));
    String head = signed[1].substring(0, signed[1].length() - 1);
    for (int spare = 1; spare < 4; spare++) {
      String lookAlike = head + alphabet.charAt((last & ~3) | ((last + spare) & 3));
      assertThat(java.util.Base64.getUrlDecoder().decode(lookAlike))
          .isEqualTo(java.util.Base64.getUrlDecoder().decode(signed[1]));
      assertThat(urls.verify(VERSION, signed[0], lookAlike)).as(lookAlike).isFalse();
    }
    assertThat(urls.verify(VERSION, signed[0], signed[1])).isTrue();
  }

  @Test
  void theKeyIsDerivedForThisPurposeOnly() {
    SecretKeyRing ring = new SecretKeyRing(new SecretsProperties(NEW, List.of()));
    assertThat(ring.signingKey("files-url")).isNotEqualTo(ring.signingKey("csrf"));
  }
}
