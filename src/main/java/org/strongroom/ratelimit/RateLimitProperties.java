package org.strongroom.ratelimit;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code strongroom.rate-limits.*}: the bands of each class of caller, what to do
 * when Redis cannot be reached, and the size of the in-process table. Invalid bands stop the
 * start-up with a message naming the key.
 *
 * @param enabled         false turns every limit off (benchmarks, or a proxy that limits instead)
 * @param anonymous       per client address, for callers without a user
 * @param authenticated   per user (superusers can override it per user)
 * @param login           per client address: login, password and MFA forms, failed token authentication
 * @param redisFailure    {@code fail-open} (serve without limits, logged and counted) or
 *                        {@code fail-closed} (answer 503) while Redis is unreachable
 * @param inMemoryMaxKeys how many callers the in-process backend tracks at most (least recently seen are dropped);
 *                        unused with Redis, which keeps nothing per caller in the process
 */
@ConfigurationProperties(prefix = "strongroom.rate-limits")
public record RateLimitProperties(
    @DefaultValue("true") boolean enabled,
    @DefaultValue("60/1m,1000/1h") String anonymous,
    @DefaultValue("100/1m,5000/1h") String authenticated,
    @DefaultValue("10/1m") String login,
    @DefaultValue("fail-open") RedisFailure redisFailure,
    @DefaultValue("50000") int inMemoryMaxKeys) {

  static final String PREFIX = "strongroom.rate-limits.";

  public enum RedisFailure { FAIL_OPEN, FAIL_CLOSED }

  public RateLimitProperties {
    Band.parseList(PREFIX + "anonymous", anonymous);
    Band.parseList(PREFIX + "authenticated", authenticated);
    Band.parseList(PREFIX + "login", login);
    if (inMemoryMaxKeys < 100) {
      throw new IllegalArgumentException("Invalid " + PREFIX + "in-memory-max-keys=" + inMemoryMaxKeys
          + ": it must be at least 100.");
    }
  }

  String bands(LimitClass limitClass) {
    return switch (limitClass) {
      case ANONYMOUS -> anonymous;
      case AUTHENTICATED -> authenticated;
      case LOGIN -> login;
    };
  }
}
