package org.strongroom.ratelimit;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.strongroom.core.JsonErrors;

/** The {@code X-RateLimit-*} headers and the 429 / 503 answers. */
final class RateLimitResponses {

  static final String LIMIT = "X-RateLimit-Limit";
  static final String REMAINING = "X-RateLimit-Remaining";
  static final String RESET = "X-RateLimit-Reset";
  static final String RETRY_AFTER = "Retry-After";
  static final String USER_ID = "X-User-ID";
  /** The decision already reported on this response, when two classes apply to one request. */
  private static final String REPORTED = RateLimitResponses.class.getName() + ".reported";

  private RateLimitResponses() {}

  /**
   * Applies a decision: headers and {@code true} (go on) when allowed; the 429 or 503 answer
   * and {@code false} (stop) otherwise.
   */
  static boolean apply(Decision decision, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    switch (decision.outcome()) {
      case ALLOWED -> {
        report(decision, request, response);
        return true;
      }
      case UNLIMITED -> {
        return true;
      }
      case REFUSED -> {
        refuse(decision, request, response);
        return false;
      }
      default -> {
        unavailable(request, response);
        return false;
      }
    }
  }

  /**
   * Sets the headers, unless a request counted in two classes (a login form is also an
   * anonymous request) already reported a band with fewer requests left.
   */
  static void report(Decision decision, HttpServletRequest request, HttpServletResponse response) {
    if (request.getAttribute(REPORTED) instanceof Decision earlier && earlier.remaining() <= decision.remaining()) {
      return;
    }
    request.setAttribute(REPORTED, decision);
    response.setHeader(LIMIT, Long.toString(decision.limit()));
    response.setHeader(REMAINING, Long.toString(decision.remaining()));
    response.setHeader(RESET, Long.toString(decision.resetEpochSeconds()));
  }

  private static void refuse(Decision decision, HttpServletRequest request, HttpServletResponse response)
      throws IOException {
    request.removeAttribute(REPORTED);
    report(decision, request, response);
    response.setHeader(RETRY_AFTER, Long.toString(decision.retryAfterSeconds()));
    String message = "Too many requests: try again in " + decision.retryAfterSeconds() + " seconds";
    if (LimitedPaths.isApi(request)) {
      JsonErrors.write(response, 429, message);
    } else {
      // The container's error page (templates/error/429.html) keeps the headers set above.
      response.sendError(429);
    }
  }

  private static void unavailable(HttpServletRequest request, HttpServletResponse response) throws IOException {
    response.setHeader(RETRY_AFTER, "5");
    if (LimitedPaths.isApi(request)) {
      JsonErrors.write(response, 503, "The service is temporarily unavailable; try again shortly");
    } else {
      response.sendError(503);
    }
  }
}
