package org.strongroom.accounts.session;

import java.time.Duration;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLongArray;
import java.util.function.LongSupplier;
import java.util.function.Supplier;

import org.strongroom.cluster.RedisSubscription;

/**
 * This instance's copy of the sessions it read from Redis lately, so that a page view whose
 * session did not change makes no Redis command at all. What is kept is the session's stored
 * form (the hash's fields and values, as bytes), so every read still builds a session of its
 * own from it and nothing one request changes is seen by another.
 *
 * <p>A copy is used only while this instance is sure to hear of every change: every instance
 * that writes or deletes a session forgets it itself and then announces its id on the channel
 * ({@link SessionChanges}), on which every instance forgets it too. "Sure to hear" means the
 * subscription to that channel is in place ({@link RedisSubscription.Watcher}) and this
 * instance heard its own heartbeat, sent on the same channel, within {@link #TRUST} (a
 * connection can die without a word), and no instance of an older version, which would not
 * announce its changes, listens beside it ({@link SessionChanges}). Otherwise every read goes to Redis, as without this
 * cache, and whatever was kept before is dropped: messages may have been lost meanwhile. So
 * when the channel fails, a session ended elsewhere is refused here at most {@link #TRUST}
 * after the last heartbeat that got through, and at once while it works (the message is on its
 * way to every instance before the instance that ended the session answers).
 *
 * <p>A read that raced with a change (it fetched the old session while the message that it
 * changed was on its way) must not keep what it fetched: each change counts in one of
 * {@link #STRIPES} counters, and a fetch keeps its result only if its counter did not move.
 * Bounded: at most {@link #MAX_SESSIONS} sessions of at most {@link #MAX_SESSION_BYTES} each,
 * none kept longer than {@link #MAX_AGE} (which also bounds the rare change that reached Redis
 * but whose message could not be sent).
 */
final class SessionNearCache implements RedisSubscription.Watcher {

  static final int MAX_SESSIONS = 4096;
  static final int MAX_SESSION_BYTES = 16 * 1024;
  static final Duration MAX_AGE = Duration.ofSeconds(30);
  static final Duration TRUST = Duration.ofSeconds(1);
  static final int STRIPES = 64;

  private record Entry(Map<byte[], byte[]> fields, long fetched, long epoch) {}

  private final Map<String, Entry> sessions = new ConcurrentHashMap<>();
  private final AtomicLongArray changes = new AtomicLongArray(STRIPES);
  /** Monotonic time in nanoseconds (the wall clock may step back and make old copies look young). */
  private final LongSupplier nanos;
  private final long trustNanos = TRUST.toNanos();
  private final long maxAgeNanos = MAX_AGE.toNanos();
  private final Object trustLock = new Object();
  /** Moves whenever messages may have been lost: copies made before are not used again. */
  private volatile long epoch;
  private volatile boolean subscribed;
  /** Whether every instance listens to the changes (none of an older version runs beside this one). */
  private volatile boolean everyInstanceListens;
  /** When the last heartbeat of this instance that came back was sent. */
  private volatile long heard;

  SessionNearCache(LongSupplier nanos) {
    this.nanos = nanos;
    this.heard = nanos.getAsLong() - 2 * trustNanos;
  }

  /** The session's fields: a copy when one may be used, else from {@code redis} (kept if it may be). */
  Map<byte[], byte[]> read(String id, Supplier<Map<byte[], byte[]>> redis) {
    long now = nanos.getAsLong();
    long seenEpoch = epoch;
    if (!trusted(now)) {
      return redis.get();
    }
    Entry kept = sessions.get(id);
    if (kept != null && kept.epoch() == seenEpoch && now - kept.fetched() < maxAgeNanos) {
      return kept.fields();
    }
    int stripe = stripe(id);
    long seenChanges = changes.get(stripe);
    Map<byte[], byte[]> fields = redis.get();
    if (fields == null || fields.isEmpty() || bytes(fields) > MAX_SESSION_BYTES) {
      return fields;
    }
    if (sessions.size() >= MAX_SESSIONS) {
      // Every copy is at most MAX_AGE old and one read away: dropping them all costs little.
      sessions.clear();
    }
    Entry fetched = new Entry(Map.copyOf(fields), now, seenEpoch);
    sessions.compute(id, (key, old) -> changes.get(stripe) == seenChanges && epoch == seenEpoch ? fetched : old);
    return fields;
  }

  /** Forgets the session (changed or deleted, here or elsewhere); true when a copy was kept. */
  boolean forget(String id) {
    changes.incrementAndGet(stripe(id));
    return sessions.remove(id) != null;
  }

  /** A heartbeat of this instance, sent at {@code sentNanos}, came back through the channel. */
  void heard(long sentNanos) {
    synchronized (trustLock) {
      if (nanos.getAsLong() - heard > trustNanos) {
        dropAll(); // silent for too long: messages may have been lost meanwhile
      }
      if (sentNanos - heard > 0) {
        heard = sentNanos;
      }
    }
  }

  /** Told with every heartbeat; an instance that does not announce its changes stops all copies. */
  void everyInstanceListens(boolean listens) {
    synchronized (trustLock) {
      if (!listens) {
        dropAll();
      }
      everyInstanceListens = listens;
    }
  }

  @Override
  public void subscribed() {
    synchronized (trustLock) {
      dropAll();
      subscribed = true;
    }
  }

  @Override
  public void lost() {
    synchronized (trustLock) {
      subscribed = false;
      dropAll();
    }
  }

  /** Whether copies may be used now: the channel is in place and was heard from lately. */
  boolean trusted() {
    return trusted(nanos.getAsLong());
  }

  int size() {
    return sessions.size();
  }

  /** Whether a copy of the session is kept and may be used now (for tests). */
  boolean holds(String id) {
    Entry kept = sessions.get(id);
    long now = nanos.getAsLong();
    return trusted(now) && kept != null && kept.epoch() == epoch && now - kept.fetched() < maxAgeNanos;
  }

  private boolean trusted(long now) {
    return subscribed && everyInstanceListens && now - heard <= trustNanos;
  }

  private void dropAll() {
    epoch++;
    sessions.clear();
  }

  private static int stripe(String id) {
    int hash = id.hashCode();
    return (hash ^ (hash >>> 16)) & (STRIPES - 1);
  }

  private static long bytes(Map<byte[], byte[]> fields) {
    long total = 0;
    for (Map.Entry<byte[], byte[]> field : fields.entrySet()) {
      total += field.getKey().length + (field.getValue() == null ? 0 : field.getValue().length);
    }
    return total;
  }
}
