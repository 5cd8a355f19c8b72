package org.strongroom.ratelimit;

import java.sql.Timestamp;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.Map;
import java.util.concurrent.atomic.AtomicBoolean;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.jdbc.core.simple.JdbcClient;

/**
 * The limits of each class, and the per-user overrides a superuser set. Overrides are read
 * from the database into memory and re-read every {@link #RELOAD_AFTER}, so that a request
 * never waits for a query and other instances see a change within that time.
 */
final class RateLimitPolicy {

  private static final Logger log = LoggerFactory.getLogger(RateLimitPolicy.class);
  static final Duration RELOAD_AFTER = Duration.ofSeconds(30);

  private record Snapshot(Map<Long, Limits> overrides, Instant loaded) {}

  private final Limits anonymous;
  private final Limits authenticated;
  private final Limits login;
  private final JdbcClient jdbc;
  private final Clock clock;
  private final AtomicBoolean reloading = new AtomicBoolean();
  private volatile Snapshot snapshot;

  RateLimitPolicy(RateLimitProperties properties, JdbcClient jdbc, Clock clock) {
    this.anonymous = Limits.parse(RateLimitProperties.PREFIX + "anonymous", properties.anonymous());
    this.authenticated = Limits.parse(RateLimitProperties.PREFIX + "authenticated", properties.authenticated());
    this.login = Limits.parse(RateLimitProperties.PREFIX + "login", properties.login());
    this.jdbc = jdbc;
    this.clock = clock;
    this.snapshot = new Snapshot(Map.of(), Instant.MIN);
  }

  Limits anonymous() {
    return anonymous;
  }

  Limits login() {
    return login;
  }

  Limits authenticatedDefault() {
    return authenticated;
  }

  /** The user's override, or the {@code authenticated} limits. */
  Limits forUser(long userId) {
    Snapshot current = snapshot;
    if (current.loaded().plus(RELOAD_AFTER).isBefore(clock.instant()) && reloading.compareAndSet(false, true)) {
      try {
        current = reload();
      } finally {
        reloading.set(false);
      }
    }
    return current.overrides().getOrDefault(userId, authenticated);
  }

  /** Every user's override, read afresh (for the administration page). */
  Map<Long, Limits> overrides() {
    return reload().overrides();
  }

  boolean hasOverride(long userId) {
    return snapshot.overrides().containsKey(userId);
  }

  void set(long userId, Limits limits, long setBy) {
    int updated = jdbc.sql("update rate_limit_overrides set authenticated = ?, updated = ?, updated_by = ? where user_id = ?")
        .params(limits.text(), Timestamp.from(clock.instant()), setBy, userId).update();
    if (updated == 0) {
      jdbc.sql("insert into rate_limit_overrides (user_id, authenticated, updated, updated_by) values (?, ?, ?, ?)")
          .params(userId, limits.text(), Timestamp.from(clock.instant()), setBy).update();
    }
    reload();
  }

  boolean clear(long userId) {
    boolean removed = jdbc.sql("delete from rate_limit_overrides where user_id = ?").param(userId).update() > 0;
    reload();
    return removed;
  }

  private synchronized Snapshot reload() {
    try {
      Map<Long, Limits> overrides = new HashMap<>();
      jdbc.sql("select user_id, authenticated from rate_limit_overrides").query((rs, n) -> {
        overrides.put(rs.getLong(1), Limits.parse("rate_limit_overrides.authenticated", rs.getString(2)));
        return null;
      }).list();
      snapshot = new Snapshot(Map.copyOf(overrides), clock.instant());
    } catch (RuntimeException e) {
      // Keep the limits we know; try again after RELOAD_AFTER rather than on every request.
      log.warn("Could not read the rate-limit overrides; keeping the previous ones: {}", e.getMessage());
      snapshot = new Snapshot(snapshot.overrides(), clock.instant());
    }
    return snapshot;
  }
}
