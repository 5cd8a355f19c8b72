package org.strongroom.ratelimit;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;
import org.springframework.http.HttpHeaders;
import org.strongroom.core.ClientAddress;
import org.strongroom.core.RequestFilter;

/**
 * The {@code login} limit, per client address. Runs before authentication, because it must
 * stop guessing before a guess is checked:
 * <ul>
 *   <li>a POST to a password or MFA form, and each of the two steps of a sign-in through a
 *       provider, costs one request, whatever its outcome;</li>
 *   <li>a request with an {@code Authorization} header costs one only when it ends in 401
 *       (the token filter answers that itself, so the response is watched for the 401
 *       status); once an address has failed, its further token requests are refused
 *       before the token is looked at while it has no login requests left
 *       (see {@link RecentTokenFailures}).</li>
 * </ul>
 * Valid tokens therefore cost nothing here; they count against their user's limit later.
 */
final class LoginRateLimitFilter extends RequestFilter {

  private final RateLimiter limiter;
  private final RateLimitPolicy policy;
  private final RecentTokenFailures recentFailures;
  private final boolean enabled;

  LoginRateLimitFilter(RateLimiter limiter, RateLimitPolicy policy, RecentTokenFailures recentFailures,
      boolean enabled) {
    this.limiter = limiter;
    this.policy = policy;
    this.recentFailures = recentFailures;
    this.enabled = enabled;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !enabled;
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String address = ClientAddress.of(request);
    if (LimitedPaths.isLoginRequest(request)) {
      if (RateLimitResponses.apply(limiter.consume(key(address), policy.login()), request, response)) {
        chain.doFilter(request, response);
      }
      return;
    }
    if (request.getHeader(HttpHeaders.AUTHORIZATION) == null) {
      chain.doFilter(request, response);
      return;
    }
    // The key is only built where the limit is asked: a valid token, the common case, never needs it.
    if (recentFailures.failedLately(address)) {
      String key = key(address);
      Decision before = limiter.check(key, policy.login());
      if (before.outcome() == Decision.Outcome.REFUSED || before.outcome() == Decision.Outcome.UNAVAILABLE) {
        RateLimitResponses.apply(before, request, response);
        return;
      }
    }
    chain.doFilter(request, new ChargedOnUnauthorized(response, () -> {
      recentFailures.failed(address);
      Decision charged = limiter.consume(key(address), policy.login());
      if (charged.hasQuota()) {
        RateLimitResponses.report(charged, request, response);
      }
    }));
  }

  private static String key(String address) {
    return LimitClass.LOGIN.key() + ":" + address;
  }

  /** Runs {@code charge} once, when the status becomes 401, before anything is written. */
  private static final class ChargedOnUnauthorized extends HttpServletResponseWrapper {

    private final Runnable charge;
    private boolean charged;

    ChargedOnUnauthorized(HttpServletResponse response, Runnable charge) {
      super(response);
      this.charge = charge;
    }

    @Override
    public void setStatus(int status) {
      chargeIfUnauthorized(status);
      super.setStatus(status);
    }

    @Override
    public void sendError(int status) throws IOException {
      chargeIfUnauthorized(status);
      super.sendError(status);
    }

    @Override
    public void sendError(int status, String message) throws IOException {
      chargeIfUnauthorized(status);
      super.sendError(status, message);
    }

    private void chargeIfUnauthorized(int status) {
      if (status == HttpServletResponse.SC_UNAUTHORIZED && !charged) {
        charged = true;
        charge.run();
      }
    }
  }
}
