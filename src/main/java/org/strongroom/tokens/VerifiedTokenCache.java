package org.strongroom.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Map;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

/**
 * Token rows looked up by hash, kept for a second so that a script's burst of requests costs
 * one database query, not one each. A revocation, demotion or disablement removes the entries
 * at once on every instance ({@link org.strongroom.cluster.Revocations}); where that message
 * is lost (no Redis, or Redis away) it is seen within {@link #TIME_TO_LIVE}.
 * Only rows of existing tokens are kept (never the token itself), and at most {@link #MAXIMUM_SIZE}.
 */
final class VerifiedTokenCache {

  static final Duration TIME_TO_LIVE = Duration.ofSeconds(1);
  static final int MAXIMUM_SIZE = 10_000;

  private record Entry(TokenStore.Row row, Instant loaded) {}

  private final Map<String, Entry> entries = new ConcurrentHashMap<>();
  /** Counts evictions, so that a row read from the database before one is not kept after it. */
  private final AtomicLong changes = new AtomicLong();
  private final Clock clock;

  VerifiedTokenCache(Clock clock) {
    this.clock = clock;
  }

  Optional<TokenStore.Row> get(String hash) {
    Entry entry = entries.get(hash);
    if (entry == null) {
      return Optional.empty();
    }
    if (!clock.instant().isBefore(entry.loaded().plus(TIME_TO_LIVE))) {
      entries.remove(hash, entry);
      return Optional.empty();
    }
    return Optional.of(entry.row());
  }

  /** Taken before the row is read from the database, and handed to {@link #put}. */
  long changes() {
    return changes.get();
  }

  /**
   * Keeps the row unless an eviction happened since {@code changesBefore}: a revocation that
   * committed while this row was being read would otherwise be undone here for a second.
   */
  void put(String hash, TokenStore.Row row, long changesBefore) {
    if (entries.size() >= MAXIMUM_SIZE) {
      // Everything in here is at most a second old: dropping it all costs a query per token.
      entries.clear();
    }
    // Decided under the key's lock; an eviction counted after this check removes what it put.
    entries.compute(hash, (key, old) -> changes.get() == changesBefore ? new Entry(row, clock.instant()) : old);
  }

  /** Keeps the entry's age but records that the row changed (last use written). */
  void update(String hash, TokenStore.Row row) {
    entries.computeIfPresent(hash, (key, entry) -> new Entry(row, entry.loaded()));
  }

  void evictToken(String tokenId) {
    changes.incrementAndGet();
    entries.values().removeIf(entry -> entry.row().info().id().equals(tokenId));
  }

  void evictOwner(long userId) {
    changes.incrementAndGet();
    entries.values().removeIf(entry -> entry.row().info().userId() == userId);
  }

  int size() {
    return entries.size();
  }
}
