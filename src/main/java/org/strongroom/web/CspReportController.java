package org.strongroom.web;

import java.io.IOException;
import java.io.InputStream;
import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import io.github.bucket4j.Bandwidth;
import io.github.bucket4j.Bucket;
import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RestController;
import org.strongroom.core.ApiException;
import org.strongroom.core.ClientAddress;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code POST /api/csp-report}: browsers report CSP violations here. Bodies are capped at
 * 64 KiB, must be JSON, and are logged (re-serialised, so no control character reaches the
 * log). A small per-address limit keeps a flood of reports from filling the log; the general
 * rate limiter applies on top of it.
 */
@RestController
class CspReportController {

  static final int MAX_BYTES = 64 * 1024;
  static final int REPORTS_PER_MINUTE = 30;
  private static final int MAX_TRACKED_ADDRESSES = 10_000;
  private static final int MAX_LOGGED_CHARS = 4_000;
  private static final Logger log = LoggerFactory.getLogger("org.strongroom.csp");

  private final JsonMapper json = JsonMapper.builder().build();
  private final Map<String, Bucket> buckets = new ConcurrentHashMap<>();

  @PostMapping(path = "/api/csp-report",
      consumes = {"application/csp-report", "application/reports+json", "application/json"})
  @PermitAll
  ResponseEntity<Void> report(HttpServletRequest request) throws IOException {
    if (!bucketFor(ClientAddress.of(request)).tryConsume(1)) {
      throw new ApiException(HttpStatus.TOO_MANY_REQUESTS, "Too many CSP reports");
    }
    if (request.getContentLengthLong() > MAX_BYTES) {
      throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "CSP report too large (limit 64 KiB)");
    }
    byte[] body = readAtMost(request.getInputStream(), MAX_BYTES);
    if (body == null) {
      throw new ApiException(HttpStatus.CONTENT_TOO_LARGE, "CSP report too large (limit 64 KiB)");
    }
    String compact;
    try {
      compact = json.writeValueAsString(json.readTree(body));
    } catch (JacksonException e) {
      throw ApiException.badRequest("CSP report is not valid JSON");
    }
    if (compact.length() > MAX_LOGGED_CHARS) {
      compact = compact.substring(0, MAX_LOGGED_CHARS) + "…";
    }
    log.warn("CSP violation reported by {}: {}", ClientAddress.of(request), compact);
    return ResponseEntity.noContent().build();
  }

  private Bucket bucketFor(String address) {
    if (buckets.size() > MAX_TRACKED_ADDRESSES) {
      buckets.clear();
    }
    return buckets.computeIfAbsent(address, key -> Bucket.builder()
        .addLimit(Bandwidth.builder().capacity(REPORTS_PER_MINUTE)
            .refillGreedy(REPORTS_PER_MINUTE, Duration.ofMinutes(1)).build())
        .build());
  }

  /** The whole body if it has at most {@code max} bytes, else null (without reading further). */
  private static byte[] readAtMost(InputStream in, int max) throws IOException {
    byte[] bytes = in.readNBytes(max + 1);
    return bytes.length > max ? null : bytes;
  }
}
