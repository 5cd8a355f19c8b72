package org.strongroom.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;

/** {@code strongroom.redis.url} (default unset): when set, rate-limit counters are kept in that Redis. */
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
