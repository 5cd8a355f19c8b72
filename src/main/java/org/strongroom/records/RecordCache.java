package org.strongroom.records;

import java.time.Clock;
import java.time.Duration;
import java.util.Optional;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Function;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.strongroom.cluster.Revocation;
import org.strongroom.cluster.Revocations;

/**
 * Records as stored, kept for at most a second, with the record document last rendered from
 * each, so that a record read again and again costs neither the database query nor the JSON.
 * It holds rows, never a decision: who may see a record, whether it is deleted and the ETag
 * check run on every request against the cached row, for the caller making it.
 *
 * <p>A change never lets the old row be served afterwards: every write to a record
 * ({@link RecordStore#update}, {@link RecordStore#markDeleted}) is announced through
 * {@link Revocations} once it commits, which forgets the row here at once (an application event)
 * and on the other instances through Redis pub/sub. A load that was under way while a change
 * was forgotten is not kept ({@link #changes}): it may have read the row before the commit.
 * Where the message cannot arrive (no Redis, Redis away, a command writing beside the server)
 * an entry is forgotten {@link #TIME_TO_LIVE} after its load began, the bound the token cache
 * keeps for revocations. Missing records are never kept, so a record created elsewhere is
 * found at once.
 */
@Component
class RecordCache {

  static final Duration TIME_TO_LIVE = Duration.ofSeconds(1);
  /** Everything in here is at most a second old: past this many rows it is dropped whole. */
  static final int MAXIMUM_SIZE = 1_024;
  /** Larger metadata is read from the database every time, so that the cache stays small. */
  static final int MAXIMUM_METADATA_CHARS = 16_384;

  /** A record document rendered for one base URL. */
  private record Rendered(String baseUrl, byte[] document) {}

  private static final class Entry {
    final StoredRecord record;
    final long loaded;
    volatile Rendered rendered;

    Entry(StoredRecord record, long loaded) {
      this.record = record;
      this.loaded = loaded;
    }
  }

  private final ConcurrentHashMap<String, Entry> entries = new ConcurrentHashMap<>();
  /** Counts the rows forgotten; a load is kept only if none was forgotten while it ran. */
  private final AtomicLong changes = new AtomicLong();
  private final Clock clock;
  private final long timeToLive = TIME_TO_LIVE.toMillis();

  RecordCache(Clock clock) {
    this.clock = clock;
  }

  /** The record, from here while its entry is younger than a second, else from {@code load}. */
  Optional<StoredRecord> find(String id, Function<String, Optional<StoredRecord>> load) {
    long now = clock.millis();
    Entry entry = entries.get(id);
    if (entry != null && now - entry.loaded < timeToLive && now >= entry.loaded) {
      return Optional.of(entry.record);
    }
    long before = changes.get();
    Optional<StoredRecord> found = load.apply(id);
    found.filter(record -> record.metadataJson().length() <= MAXIMUM_METADATA_CHARS)
        .ifPresent(record -> keep(id, record, now, before));
    return found;
  }

  private void keep(String id, StoredRecord record, long loaded, long changesBefore) {
    if (entries.size() >= MAXIMUM_SIZE) {
      entries.clear();
    }
    // Decided under the key's lock, against forget()'s removal under the same lock: a change
    // counted after this load began either stops the put here or removes what it put.
    entries.compute(id, (key, old) -> changes.get() == changesBefore ? new Entry(record, loaded) : old);
  }

  /**
   * The record document of {@code record} for {@code baseUrl}: rendered once per cached row
   * (the same object {@link #find} returned) and base URL, else by {@code render} each time.
   */
  byte[] document(StoredRecord record, String baseUrl, Function<StoredRecord, byte[]> render) {
    Entry entry = entries.get(record.id());
    if (entry == null || entry.record != record) {
      return render.apply(record);
    }
    Rendered rendered = entry.rendered;
    if (rendered == null || !rendered.baseUrl().equals(baseUrl)) {
      rendered = new Rendered(baseUrl, render.apply(record));
      entry.rendered = rendered;
    }
    return rendered.document();
  }

  /** A record changed, here or on another instance (after its change committed). */
  @EventListener
  void forget(Revocation revocation) {
    if (revocation.kind() == Revocation.Kind.RECORD) {
      forget(revocation.id());
    }
  }

  void forget(String id) {
    changes.incrementAndGet();
    entries.compute(id, (key, old) -> null);
  }

  int size() {
    return entries.size();
  }
}
