package org.strongroom.web;

import org.springframework.core.Ordered;

/**
 * The perimeter filters run before everything else, Spring Security included, in this order:
 * headers (so that every refusal carries them), trusted host, forwarded headers and client
 * address, allowed networks, HTTP-to-HTTPS redirect, body size; then API response buffering,
 * outside everything that might flush. All but the headers run inside one servlet filter
 * ({@link PerimeterFilters}), in this order.
 */
final class PerimeterOrder {

  static final int HEADERS = Ordered.HIGHEST_PRECEDENCE;
  static final int TRUSTED_HOST = Ordered.HIGHEST_PRECEDENCE + 1;
  static final int FORWARDED = Ordered.HIGHEST_PRECEDENCE + 2;
  static final int NETWORKS = Ordered.HIGHEST_PRECEDENCE + 3;
  static final int HTTPS_REDIRECT = Ordered.HIGHEST_PRECEDENCE + 4;
  static final int BODY_SIZE = Ordered.HIGHEST_PRECEDENCE + 5;
  static final int RESPONSE_BUFFERING = Ordered.HIGHEST_PRECEDENCE + 6;
  /** Inside the buffering, so that a 503 can still replace what was buffered. */
  static final int UNAVAILABLE = Ordered.HIGHEST_PRECEDENCE + 7;

  private PerimeterOrder() {}
}
