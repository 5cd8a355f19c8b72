package org.strongroom.accounts.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.concurrent.atomic.AtomicLong;
import java.util.function.Supplier;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;

/**
 * The rules of {@link SessionNearCache} on a clock the test moves: when a copy is used, and
 * the bounds (TRUST after the last heartbeat, MAX_AGE, MAX_SESSIONS). That messages really
 * arrive, and that a session ended on one instance is refused on another, is
 * {@link SessionNearCacheIntegrationTests}' (two servers, real Redis).
 */
class SessionNearCacheTests {

  final AtomicLong now = new AtomicLong(1_000_000_000L);
  final AtomicInteger reads = new AtomicInteger();
  SessionNearCache cache;

  @BeforeEach
  void trusted() {
    cache = new SessionNearCache(now::get);
    cache.subscribed();
    cache.everyInstanceListens(true);
    cache.heard(now.get());
  }

  Map<byte[], byte[]> fields() {
    reads.incrementAndGet();
    return Map.of("lastAccessedTime".getBytes(StandardCharsets.UTF_8), new byte[] {1, 2, 3});
  }

  Map<byte[], byte[]> read(String id) {
    return cache.read(id, this::fields);
  }

  @Test
  void aCopyIsUsedUntilTheSessionChanges() {
    read("s1");
    read("s1");
    read("s1");
    assertThat(reads).hasValue(1);
    assertThat(cache.forget("s1")).isTrue();
    read("s1");
    assertThat(reads).hasValue(2);
    assertThat(cache.forget("unknown")).isFalse();
  }

  @Test
  void nothingIsUsedBeforeTheFirstHeartbeatComesBackNorWithoutTheSubscription() {
    SessionNearCache fresh = new SessionNearCache(now::get);
    fresh.subscribed();
    fresh.everyInstanceListens(true);
    fresh.read("s1", this::fields);
    fresh.read("s1", this::fields);
    assertThat(reads).hasValue(2);

    read("s1");
    cache.lost();
    read("s1");
    read("s1");
    assertThat(reads).hasValue(5);
    // Subscribed again: what was kept before is not used (messages may have been lost).
    cache.subscribed();
    read("s1");
    assertThat(reads).hasValue(6);
  }

  @Test
  void copiesAreUsedForAtMostTrustAfterTheLastHeartbeatThatCameBack() {
    read("s1");
    now.addAndGet(SessionNearCache.TRUST.toNanos());
    read("s1");
    assertThat(reads).hasValue(1);
    now.incrementAndGet();
    assertThat(cache.trusted()).isFalse();
    read("s1");
    assertThat(reads).hasValue(2);
    // Heard again after the silence: nothing kept from before it is used.
    cache.heard(now.get());
    read("s1");
    assertThat(reads).hasValue(3);
    read("s1");
    assertThat(reads).hasValue(3);
  }

  @Test
  void nothingIsUsedWhileAnInstanceThatDoesNotAnnounceItsChangesRuns() {
    read("s1");
    cache.everyInstanceListens(false);
    read("s1");
    assertThat(reads).hasValue(2);
    cache.everyInstanceListens(true);
    read("s1");
    read("s1");
    assertThat(reads).hasValue(3);
  }

  @Test
  void aReadThatRacedWithAChangeKeepsNothing() {
    Supplier<Map<byte[], byte[]>> racing = () -> {
      Map<byte[], byte[]> old = fields();
      cache.forget("s1"); // the message that it changed arrives while the old session is on its way
      return old;
    };
    cache.read("s1", racing);
    read("s1");
    assertThat(reads).hasValue(2);
  }

  @Test
  void copiesAreBoundedInAgeNumberAndSize() {
    read("s1");
    for (long step = 0; step < SessionNearCache.MAX_AGE.toSeconds(); step++) {
      now.addAndGet(1_000_000_000L);
      cache.heard(now.get());
    }
    read("s1");
    assertThat(reads).hasValue(2);

    for (int i = 0; i < SessionNearCache.MAX_SESSIONS + 10; i++) {
      read("n" + i);
    }
    assertThat(cache.size()).isLessThanOrEqualTo(SessionNearCache.MAX_SESSIONS);

    byte[] large = new byte[SessionNearCache.MAX_SESSION_BYTES + 1];
    cache.read("large", () -> Map.of(new byte[] {1}, large));
    assertThat(cache.holds("large")).isFalse();
    cache.read("empty", Map::of);
    assertThat(cache.holds("empty")).isFalse();
  }
}
