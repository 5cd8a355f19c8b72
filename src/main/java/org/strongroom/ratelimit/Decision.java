package org.strongroom.ratelimit;

/**
 * What the limiter says about one request, and what the {@code X-RateLimit-*} headers report:
 * the band closest to running out.
 *
 * @param outcome           allowed, refused, or no answer because the backend is down
 * @param limit             the reported band's COUNT
 * @param remaining         requests left in that band
 * @param resetEpochSeconds when that band is full again (Unix seconds)
 * @param retryAfterSeconds when refused: how long until one request is allowed again
 */
record Decision(Outcome outcome, long limit, long remaining, long resetEpochSeconds, long retryAfterSeconds) {

  enum Outcome {
    ALLOWED,
    REFUSED,
    /** The backend (Redis) is down and {@code redis-failure=fail-open}: serve, without headers. */
    UNLIMITED,
    /** The backend (Redis) is down and {@code redis-failure=fail-closed}: answer 503. */
    UNAVAILABLE
  }

  static final Decision UNLIMITED = new Decision(Outcome.UNLIMITED, 0, 0, 0, 0);
  static final Decision UNAVAILABLE = new Decision(Outcome.UNAVAILABLE, 0, 0, 0, 0);

  boolean hasQuota() {
    return outcome == Outcome.ALLOWED || outcome == Outcome.REFUSED;
  }
}
