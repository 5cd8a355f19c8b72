package org.strongroom.cluster;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code strongroom.redis.*}: when {@code url} is set, rate-limit counters, login throttles,
 * sessions and revocations are shared through that Redis by every instance.
 *
 * @param url       {@code redis://[:password@]host:port[/database]} or {@code rediss://…}; unset: one instance
 * @param namespace the prefix of the keys kept for sessions, throttles and revocations, so that
 *                  two deployments can share one Redis (letters, digits, {@code -_.})
 */
@ConfigurationProperties(prefix = "strongroom.redis")
public record RedisProperties(String url, @DefaultValue("strongroom") String namespace) {

  public RedisProperties {
    if (namespace == null || !namespace.matches("[A-Za-z0-9_.-]{1,64}")) {
      throw new IllegalArgumentException("strongroom.redis.namespace must be 1 to 64 letters, digits, '-', '_' or '.'"
          + " (was '" + namespace + "')");
    }
  }

  public boolean configured() {
    return url != null && !url.isBlank();
  }

  /** The URL without its password, for messages. */
  public String safeUrl() {
    return configured() ? url.replaceFirst("//[^@/]*@", "//<hidden>@") : "unset";
  }

  /** The URL may carry a password ({@code redis://:secret@host}): never print it. */
  @Override
  public String toString() {
    return "RedisProperties[url=" + safeUrl() + ", namespace=" + namespace + "]";
  }
}
