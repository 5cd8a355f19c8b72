package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.strongroom.core.ApiException;

/**
 * File keys as a client sends them in {@code PUT /api/records/{id}/files/{key}}: a refused key
 * is an {@link ApiException} with 400; an accepted key is NFC, at most 255 bytes, holds no path
 * separator, control or bidi character, normalises to itself again, and survives the trip
 * through {@code Content-Disposition} unbroken. Nothing else is thrown.
 */
class FileKeysFuzzTests {

  @FuzzTest(maxDuration = "30s")
  void fileKeys(byte[] input) {
    String raw = new String(input, StandardCharsets.UTF_8);
    String key;
    try {
      key = FileKeys.normalize(raw);
    } catch (ApiException refused) {
      assertThat(refused.status().value()).isEqualTo(400);
      assertThat(refused.getMessage()).startsWith("File key must");
      return;
    }
    assertThat(Normalizer.isNormalized(key, Normalizer.Form.NFC)).isTrue();
    assertThat(key.getBytes(StandardCharsets.UTF_8).length).isBetween(1, FileKeys.MAX_BYTES);
    assertThat(key).doesNotContain("/", "\\", "..").isEqualTo(key.strip());
    assertThat(key.codePoints().noneMatch(Character::isISOControl)).isTrue();
    assertThat(FileKeys.normalize(key)).isEqualTo(key);
    String disposition = FileResponses.contentDisposition(key, false);
    assertThat(disposition.chars().allMatch(c -> c >= 0x20 && c < 0x7f)).isTrue();
    assertThat(disposition).matches("attachment; filename=\"[^\"\\\\]*\"; filename\\*=UTF-8''[^\"; ]*");
  }
}
