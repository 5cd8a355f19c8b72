package org.strongroom.ratelimit;

import java.io.IOException;
import java.util.Optional;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.strongroom.core.Caller;
import org.strongroom.core.Callers;
import org.strongroom.core.ClientAddress;
import org.strongroom.core.RequestFilter;

/**
 * The {@code anonymous} (per client address) and {@code authenticated} (per user) limits.
 * Runs after authentication, so it knows the user; the key is the user id or the client
 * address and nothing else the client could vary (no User-Agent, no forwarded header that
 * the perimeter did not trust).
 */
final class RequestRateLimitFilter extends RequestFilter {

  private final RateLimiter limiter;
  private final RateLimitPolicy policy;
  private final boolean enabled;

  RequestRateLimitFilter(RateLimiter limiter, RateLimitPolicy policy, boolean enabled) {
    this.limiter = limiter;
    this.policy = policy;
    this.enabled = enabled;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return LimitedPaths.isStaticAsset(request);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    Optional<Caller> caller = Callers.current();
    caller.ifPresent(c -> response.setHeader(RateLimitResponses.USER_ID, Long.toString(c.userId())));
    if (!enabled) {
      chain.doFilter(request, response);
      return;
    }
    Decision decision = caller.isPresent()
        ? limiter.consume(LimitClass.AUTHENTICATED.key() + ":" + caller.get().userId(),
            policy.forUser(caller.get().userId()))
        : limiter.consume(LimitClass.ANONYMOUS.key() + ":" + ClientAddress.of(request), policy.anonymous());
    if (RateLimitResponses.apply(decision, request, response)) {
      chain.doFilter(request, response);
    }
  }
}
