package org.strongroom.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * Redis, {@code strongroom.redis.*}.
 *
 * @param url a Redis URL ({@code redis://host:6379}, {@code rediss://} for TLS); when set, rate-limit
 *            counters, login throttles and sessions are shared through it by every instance; unset
 *            means each instance keeps its own in memory
 */
@ConfigurationProperties(prefix = "strongroom.redis")
record RedisProperties(String url) {

  boolean configured() {
    return url != null && !url.isBlank();
  }

  /** The URL may carry a password ({@code redis://:secret@host}): never print it. */
  @Override
  public String toString() {
    return "RedisProperties[url=" + (configured() ? url.replaceFirst("//[^@/]*@", "//<hidden>@") : "unset") + "]";
  }
}
