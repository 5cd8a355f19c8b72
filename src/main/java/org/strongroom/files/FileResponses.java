package org.strongroom.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.web.util.UriUtils;

/**
 * Writes a file's bytes with the headers that keep them inert wherever they are served:
 * a sandboxing CSP, nosniff, a resource policy, a safe Content-Disposition, an ETag and
 * single-range support.
 */
final class FileResponses {

  static final String CSP = "sandbox; default-src 'none'";
  private static final Pattern SINGLE_RANGE = Pattern.compile("bytes=(\\d{0,19})-(\\d{0,19})");
  private static final int BUFFER_BYTES = 256 * 1024;

  private FileResponses() {}

  /** The headers every file response carries, errors aside. */
  static void inertHeaders(HttpServletResponse response, String resourcePolicy) {
    response.setHeader("Content-Security-Policy", CSP);
    response.setHeader("X-Content-Type-Options", "nosniff");
    response.setHeader("Cross-Origin-Resource-Policy", resourcePolicy);
  }

  static void write(HttpServletRequest request, HttpServletResponse response, StoredFile file,
      RecordFiles files, String resourcePolicy, String cacheControl) throws IOException {
    FileTypes.Serving serving = FileTypes.serving(file.mimeType());
    inertHeaders(response, resourcePolicy);
    response.setHeader(HttpHeaders.ETAG, file.etag());
    response.setHeader(HttpHeaders.ACCEPT_RANGES, "bytes");
    response.setHeader(HttpHeaders.CACHE_CONTROL, cacheControl);
    response.setDateHeader(HttpHeaders.LAST_MODIFIED, file.created().toEpochMilli());
    response.setHeader(HttpHeaders.CONTENT_DISPOSITION, contentDisposition(file.key(), serving.inline()));
    if (matches(request.getHeader(HttpHeaders.IF_NONE_MATCH), file.etag())) {
      response.setStatus(HttpServletResponse.SC_NOT_MODIFIED);
      return;
    }
    response.setContentType(serving.contentType());

    long first = 0;
    long last = file.size() - 1;
    String range = request.getHeader(HttpHeaders.RANGE);
    String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
    if (range != null && (ifRange == null || ifRange.strip().equals(file.etag()))) {
      Matcher m = SINGLE_RANGE.matcher(range.strip());
      if (m.matches() && !(m.group(1).isEmpty() && m.group(2).isEmpty())) {
        long[] span = span(m.group(1), m.group(2), file.size());
        if (span == null) {
          response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
          response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + file.size());
          response.setContentLengthLong(0);
          return;
        }
        first = span[0];
        last = span[1];
        response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
        response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes " + first + "-" + last + "/" + file.size());
      }
      // Multiple ranges or a malformed header: answer with the whole file, as RFC 9110 allows.
    }
    long length = last - first + 1;
    response.setContentLengthLong(length);
    if ("HEAD".equals(request.getMethod()) || length == 0) {
      return;
    }
    try (InputStream in = files.open(file, first, last)) {
      OutputStream out = response.getOutputStream();
      byte[] buffer = new byte[BUFFER_BYTES];
      for (int n; (n = in.read(buffer)) != -1; ) {
        out.write(buffer, 0, n);
      }
    }
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

  private static boolean matches(String ifNoneMatch, String etag) {
    if (ifNoneMatch == null) {
      return false;
    }
    for (String candidate : ifNoneMatch.split(",")) {
      String tag = candidate.strip();
      if (tag.equals("*") || tag.equals(etag) || tag.equals("W/" + etag)) {
        return true;
      }
    }
    return false;
  }

  /**
   * RFC 6266: an ASCII {@code filename} fallback with anything unusual replaced, and the exact
   * key percent-encoded in {@code filename*}. Keys cannot hold control characters, and quotes
   * and backslashes never reach the quoted string, so no header can be broken or injected.
   */
  static String contentDisposition(String key, boolean inline) {
    StringBuilder fallback = new StringBuilder();
    for (int i = 0; i < key.length(); i++) {
      char c = key.charAt(i);
      fallback.append(c >= 0x20 && c < 0x7f && c != '"' && c != '\\' && c != '%' && c != ';' ? c : '_');
    }
    return (inline ? "inline" : "attachment") + "; filename=\"" + fallback + "\"; filename*=UTF-8''"
        + UriUtils.encode(key, StandardCharsets.UTF_8);
  }
}
