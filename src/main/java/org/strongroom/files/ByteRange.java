package org.strongroom.files;

import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * What a {@code Range} header asks of a file: the whole file (no header, several ranges or a
 * malformed one, as RFC 9110 allows), one satisfiable span {@code [first, last]}, or a span
 * that cannot be satisfied (416).
 */
record ByteRange(Kind kind, long first, long last) {

  enum Kind { WHOLE, PARTIAL, UNSATISFIABLE }

  private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");

  static ByteRange of(String header, long size) {
    ByteRange whole = new ByteRange(Kind.WHOLE, 0, size - 1);
    if (header == null) {
      return whole;
    }
    Matcher m = SINGLE_RANGE.matcher(header.strip());
    if (!m.matches() || (m.group(1).isEmpty() && m.group(2).isEmpty())) {
      return whole;
    }
    long[] span = span(m.group(1), m.group(2), size);
    return span == null ? new ByteRange(Kind.UNSATISFIABLE, 0, -1) : new ByteRange(Kind.PARTIAL, span[0], span[1]);
  }

  /** The {@code Content-Range} value for a partial answer. */
  String contentRange(long size) {
    return "bytes " + first + "-" + last + "/" + size;
  }

  /** {@code [first, last]} of a single range, or null when it cannot be satisfied. */
  private static long[] span(String start, String end, long size) {
    try {
      if (start.isEmpty()) {
        long suffix = Long.parseLong(end);
        return suffix == 0 || size == 0 ? null : new long[] {Math.max(0, size - suffix), size - 1};
      }
      long first = Long.parseLong(start);
      long last = end.isEmpty() ? size - 1 : Math.min(Long.parseLong(end), size - 1);
      return first >= size || first > last ? null : new long[] {first, last};
    } catch (NumberFormatException e) {
      return null;
    }
  }
}
