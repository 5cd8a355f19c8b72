package org.strongroom.audit;

import java.nio.charset.StandardCharsets;
import java.util.Locale;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Pattern;

/**
 * Keeps audit entries small, printable and free of secrets, whatever a publisher passes:
 * detail values under secret-looking names are replaced, token-shaped strings are masked,
 * control characters are replaced and lengths are capped (the columns' sizes).
 */
final class AuditSanitizer {

  static final String REDACTED = "[redacted]";
  static final int MAX_DETAILS = 20;
  static final int MAX_DETAIL_VALUE = 500;

  /**
   * Names under which a secret would travel; their values are never stored. A bare {@code key}
   * is kept: the files feature names a file's key (its name in a record) so.
   */
  private static final Pattern SECRET_NAME = Pattern.compile(
      ".*(password|passwd|passphrase|secret|credential|private|seed|recovery_code|totp|otp_code|cookie|"
          + "authorization|api_?key|signature|csrf|session_?id).*|.*_key|token|code|otp|session|hash",
      Pattern.CASE_INSENSITIVE);
  /** Personal access tokens (sr_ + 40 base62 + 6 checksum) and Bearer headers. */
  private static final Pattern TOKEN_VALUE = Pattern.compile("sr_[0-9A-Za-z]{20,}|(?i:bearer)\\s+\\S+");
  private static final Pattern WORD = Pattern.compile("[a-z][a-z0-9_.:-]*");

  private AuditSanitizer() {}

  static String action(String action) {
    return word(action, 64, "unknown");
  }

  static String outcome(String outcome) {
    return word(outcome, 16, "unknown");
  }

  static String target(String target) {
    return target == null ? null : masked(printable(target, 400));
  }

  static String clientAddress(String address) {
    return address == null ? null : printable(address, 64);
  }

  static SortedMap<String, String> details(Map<String, String> details) {
    SortedMap<String, String> clean = new TreeMap<>();
    for (Map.Entry<String, String> entry : new TreeMap<>(details).entrySet()) {
      if (clean.size() == MAX_DETAILS) {
        clean.put("truncated", "true");
        break;
      }
      String name = word(entry.getKey().toLowerCase(Locale.ROOT), 40, "detail");
      String value = SECRET_NAME.matcher(name).matches() ? REDACTED
          : masked(printable(entry.getValue(), MAX_DETAIL_VALUE));
      clean.put(name, value);
    }
    return clean;
  }

  private static String masked(String value) {
    return TOKEN_VALUE.matcher(value).replaceAll(REDACTED);
  }

  /** Lone surrogates and control characters (NUL, newlines, escapes) become '?'; long text is cut. */
  static String printable(String value, int max) {
    String wellFormed = new String(value.getBytes(StandardCharsets.UTF_8), StandardCharsets.UTF_8);
    StringBuilder out = new StringBuilder(Math.min(wellFormed.length(), max));
    for (int i = 0; i < wellFormed.length(); ) {
      int c = wellFormed.codePointAt(i);
      if (out.length() + Character.charCount(c) > max) {
        break;
      }
      out.appendCodePoint(Character.isISOControl(c) || c == 0xFFFD ? '?' : c);
      i += Character.charCount(c);
    }
    return out.toString();
  }

  private static String word(String value, int max, String fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    String lower = value.toLowerCase(Locale.ROOT);
    if (lower.length() <= max && WORD.matcher(lower).matches()) {
      return lower;
    }
    String replaced = lower.replaceAll("[^a-z0-9_.:-]", "_");
    replaced = Character.isLetter(replaced.charAt(0)) ? replaced : "x" + replaced;
    return replaced.length() > max ? replaced.substring(0, max) : replaced;
  }
}
