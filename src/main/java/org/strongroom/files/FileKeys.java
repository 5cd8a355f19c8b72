package org.strongroom.files;

import java.nio.charset.StandardCharsets;
import java.text.Normalizer;

import org.strongroom.core.ApiException;

/**
 * File keys as users name them ({@code data.csv}). A key is only ever a label: blobs are
 * stored under generated names. Still, a key ends up in URLs, headers and people's download
 * folders, so anything that could act as a path, a header break or a disguise is refused.
 */
final class FileKeys {

  static final int MAX_BYTES = 255;

  private FileKeys() {}

  /** The key in NFC, or a 400 saying what is wrong with it. */
  static String normalize(String raw) {
    if (raw == null || raw.isEmpty()) {
      throw ApiException.badRequest("File key must not be empty");
    }
    String key = Normalizer.normalize(raw, Normalizer.Form.NFC);
    if (key.indexOf('/') >= 0 || key.indexOf('\\') >= 0) {
      throw ApiException.badRequest("File key must not contain / or \\");
    }
    if (key.contains("..") || key.equals(".")) {
      throw ApiException.badRequest("File key must not be . or contain ..");
    }
    for (int i = 0; i < key.length(); ) {
      int c = key.codePointAt(i);
      if (Character.isISOControl(c)) {
        throw ApiException.badRequest("File key must not contain control characters");
      }
      if (isBidiControl(c)) {
        throw ApiException.badRequest("File key must not contain bidirectional formatting characters");
      }
      if (Character.isSurrogate(key.charAt(i)) && !Character.isSupplementaryCodePoint(c) || c == 0xFFFD) {
        throw ApiException.badRequest("File key must be valid UTF-8");
      }
      i += Character.charCount(c);
    }
    if (!key.equals(key.strip())) {
      throw ApiException.badRequest("File key must not start or end with white space");
    }
    if (key.getBytes(StandardCharsets.UTF_8).length > MAX_BYTES) {
      throw ApiException.badRequest("File key must be at most " + MAX_BYTES + " bytes in UTF-8");
    }
    return key;
  }

  /** Marks and embeddings/overrides/isolates that can make {@code exe.txt} display as {@code txt.exe}. */
  private static boolean isBidiControl(int c) {
    return c == 0x061C || c == 0x200E || c == 0x200F || (c >= 0x202A && c <= 0x202E)
        || (c >= 0x2066 && c <= 0x2069);
  }
}
