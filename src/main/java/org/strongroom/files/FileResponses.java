package org.strongroom.files;

import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

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
    String ifRange = request.getHeader(HttpHeaders.IF_RANGE);
    if (ifRange == null || ifRange.strip().equals(file.etag())) {
      ByteRange range = ByteRange.of(request.getHeader(HttpHeaders.RANGE), file.size());
      if (range.kind() == ByteRange.Kind.UNSATISFIABLE) {
        response.setStatus(HttpServletResponse.SC_REQUESTED_RANGE_NOT_SATISFIABLE);
        response.setHeader(HttpHeaders.CONTENT_RANGE, "bytes */" + file.size());
        response.setContentLengthLong(0);
        return;
      }
      if (range.kind() == ByteRange.Kind.PARTIAL) {
        first = range.first();
        last = range.last();
        response.setStatus(HttpServletResponse.SC_PARTIAL_CONTENT);
        response.setHeader(HttpHeaders.CONTENT_RANGE, range.contentRange(file.size()));
      }
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
