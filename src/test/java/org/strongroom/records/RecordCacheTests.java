package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.time.Instant;
import java.util.Optional;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.Test;
import org.strongroom.cluster.Revocation;
import org.strongroom.support.MutableClock;

/** The record cache's own rules, without a server: expiry, the load that races a change, bounds. */
class RecordCacheTests {

  final MutableClock clock = new MutableClock();
  final RecordCache cache = new RecordCache(clock);
  final AtomicInteger loads = new AtomicInteger();

  static StoredRecord record(String id, int revision, String metadata) {
    Instant at = Instant.parse("2026-12-07T10:00:00Z");
    return new StoredRecord(id, 7, Access.PUBLIC, metadata, revision, at, at, null);
  }

  Optional<StoredRecord> load(StoredRecord row) {
    loads.incrementAndGet();
    return Optional.of(row);
  }

  @Test
  void aRowIsKeptForLessThanASecondFromTheStartOfItsLoad() {
    StoredRecord first = record("aaaaa-aaaaa", 1, "{}");
    assertThat(cache.find(first.id(), id -> load(first))).containsSame(first);
    clock.advance(Duration.ofMillis(999));
    assertThat(cache.find(first.id(), id -> load(record(id, 2, "{}")))).containsSame(first);
    clock.advance(Duration.ofMillis(1));
    assertThat(cache.find(first.id(), id -> load(record(id, 2, "{}"))).orElseThrow().revision()).isEqualTo(2);
    assertThat(loads).hasValue(2);
  }

  @Test
  void aClockThatWentBackDoesNotKeepARowLonger() {
    StoredRecord first = record("aaaaa-aaaaa", 1, "{}");
    cache.find(first.id(), id -> load(first));
    clock.advance(Duration.ofSeconds(-5));
    assertThat(cache.find(first.id(), id -> load(record(id, 2, "{}"))).orElseThrow().revision()).isEqualTo(2);
  }

  @Test
  void aRecordRevokedIsLoadedAgainAtOnce() {
    StoredRecord first = record("aaaaa-aaaaa", 1, "{}");
    cache.find(first.id(), id -> load(first));
    cache.forget(Revocation.record(first.id()));
    assertThat(cache.find(first.id(), id -> load(record(id, 2, "{}"))).orElseThrow().revision()).isEqualTo(2);
    // Tokens and users are not records.
    cache.forget(Revocation.token(first.id()));
    cache.forget(Revocation.user(7));
    assertThat(cache.find(first.id(), id -> load(record(id, 3, "{}"))).orElseThrow().revision()).isEqualTo(2);
  }

  /**
   * A load that read the row before a change committed, and finished after that change was
   * forgotten, must not put the old row back: whichever comes first under the key.
   */
  @Test
  void aLoadUnderWayWhenARecordChangesIsNotKept() {
    StoredRecord old = record("aaaaa-aaaaa", 1, "{}");
    Optional<StoredRecord> served = cache.find(old.id(), id -> {
      cache.forget(id); // the change commits while the old row is being read
      return Optional.of(old);
    });
    assertThat(served).containsSame(old); // this request began before the change
    assertThat(cache.size()).isZero();
    assertThat(cache.find(old.id(), id -> load(record(id, 2, "{}"))).orElseThrow().revision()).isEqualTo(2);

    // A change to another record during the load also stops it being kept (one counter for all).
    StoredRecord other = record("bbbbb-bbbbb", 1, "{}");
    cache.find(other.id(), id -> {
      cache.forget("ccccc-ccccc");
      return Optional.of(other);
    });
    assertThat(cache.size()).isEqualTo(1);
  }

  @Test
  void missingRecordsAndLargeMetadataAreNotKept() {
    assertThat(cache.find("aaaaa-aaaaa", id -> Optional.empty())).isEmpty();
    String large = "{\"title\": \"" + "x".repeat(RecordCache.MAXIMUM_METADATA_CHARS) + "\"}";
    cache.find("bbbbb-bbbbb", id -> load(record(id, 1, large)));
    assertThat(cache.size()).isZero();
  }

  @Test
  void itNeverHoldsMoreThanItsMaximum() {
    for (int i = 0; i < RecordCache.MAXIMUM_SIZE * 3; i++) {
      String id = String.format("%05d-aaaaa", i);
      cache.find(id, key -> load(record(key, 1, "{}")));
      assertThat(cache.size()).isLessThanOrEqualTo(RecordCache.MAXIMUM_SIZE);
    }
  }

  @Test
  void aDocumentIsRenderedOncePerCachedRowAndBaseUrl() {
    StoredRecord row = record("aaaaa-aaaaa", 1, "{}");
    cache.find(row.id(), id -> load(row));
    AtomicInteger renders = new AtomicInteger();
    java.util.function.Function<StoredRecord, byte[]> render =
        r -> (r.revision() + "@" + renders.incrementAndGet()).getBytes();
    byte[] first = cache.document(row, "https://a", render);
    assertThat(cache.document(row, "https://a", render)).isSameAs(first);
    assertThat(new String(cache.document(row, "https://b", render))).isEqualTo("1@2");
    // An equal row that is not the cached object is rendered every time.
    StoredRecord copy = record(row.id(), 1, "{}");
    assertThat(new String(cache.document(copy, "https://b", render))).isEqualTo("1@3");
    // Once forgotten, the row's document is not served from here either.
    cache.forget(row.id());
    assertThat(new String(cache.document(row, "https://b", render))).isEqualTo("1@4");
    assertThat(renders).hasValue(4);
  }
}
