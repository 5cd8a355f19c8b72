package org.strongroom.ratelimit;

import java.time.Clock;
import java.time.Duration;
import java.util.Comparator;

import jakarta.servlet.Filter;

/**
 * The rate limits as two servlet filters for the security chains (docs/operations/rate-limits.md). The web
 * feature places them; they are not beans themselves, so the container does not also run
 * them outside the chains.
 */
@org.springframework.modulith.NamedInterface("security")
public final class RateLimiting {

  private final Filter loginFilter;
  private final Filter requestFilter;

  RateLimiting(RateLimiter limiter, RateLimitPolicy policy, Clock clock, boolean enabled) {
    // A failed address is remembered as long as its failures can still count.
    Duration longestLoginBand = policy.login().bands().stream().map(Band::period)
        .max(Comparator.naturalOrder()).orElseThrow();
    this.loginFilter = new LoginRateLimitFilter(limiter, policy, new RecentTokenFailures(clock, longestLoginBand),
        enabled);
    this.requestFilter = new RequestRateLimitFilter(limiter, policy, enabled);
  }

  /**
   * The {@code login} class: goes before any authentication filter, so that it can refuse
   * a guess before it is checked and see a token refused with 401.
   */
  public Filter loginFilter() {
    return loginFilter;
  }

  /**
   * The {@code anonymous} and {@code authenticated} classes, and {@code X-User-ID}: goes
   * after authentication (it needs the user) and before authorisation (a refused request
   * still counts).
   */
  public Filter requestFilter() {
    return requestFilter;
  }
}
