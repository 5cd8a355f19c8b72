package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.strongroom.core.ApiException;

class FileKeysTests {

  @ParameterizedTest
  @ValueSource(strings = {"data.csv", "Données ✓.txt", "a b.txt", ".hidden", "x.tar.gz", "日本語.pdf", "%41.txt"})
  void acceptsOrdinaryKeys(String key) {
    assertThat(FileKeys.normalize(key)).isEqualTo(key);
  }

  @ParameterizedTest
  @ValueSource(strings = {"", ".", "..", "../etc/passwd", "a/b", "a\\b", "..\\x", "a..b", "nul\0.txt",
      "line\r\nSet-Cookie: x=1", "tab\t.txt", "del\u007f.txt", "c1\u0085.txt", "evil\u202Etxt.exe",
      "iso\u2066late", "mark\u200F.txt", "alm\u061C.txt", " lead.txt", "trail.txt ", "bad\uFFFD.txt",
      "lone\uD800surrogate"})
  void refusesKeysThatCouldActAsPathsHeadersOrDisguises(String key) {
    assertThatThrownBy(() -> FileKeys.normalize(key)).isInstanceOf(ApiException.class)
        .satisfies(e -> assertThat(((ApiException) e).status().value()).isEqualTo(400));
  }

  @org.junit.jupiter.api.Test
  void normalizesToNfcAndCountsUtf8Bytes() {
    assertThat(FileKeys.normalize("Zoe\u0308.txt")).isEqualTo("Zo\u00eb.txt");
    String max = "é".repeat(127) + "a";
    assertThat(FileKeys.normalize(max)).isEqualTo(max);
    assertThatThrownBy(() -> FileKeys.normalize("é".repeat(128))).isInstanceOf(ApiException.class);
    assertThatThrownBy(() -> FileKeys.normalize("a".repeat(256))).isInstanceOf(ApiException.class);
  }
}
