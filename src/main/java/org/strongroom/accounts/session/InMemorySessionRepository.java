package org.strongroom.accounts.session;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.Comparator;
import java.util.Map;
import java.util.stream.Collectors;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.atomic.AtomicLong;

import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.MapSession;
import org.springframework.session.FindByIndexNameSessionRepository;

/**
 * Sessions of a single server, in memory. Bounded: expired sessions are swept at most once a
 * minute, and when {@code max} sessions exist the least recently used one makes room, so a
 * flood of anonymous visitors cannot exhaust memory.
 *
 * <p>A session's last use is the time of its last save (Spring Session saves a session at the
 * end of every request that touched it), read from {@code clock}, and a session idle for
 * {@code idleTimeout} by that clock has ended: the system clock, or a test's.
 */
class InMemorySessionRepository implements FindByIndexNameSessionRepository<MapSession> {

  private static final long SWEEP_INTERVAL_MILLIS = 60_000;

  private static final SessionOwnerIndex INDEX = new SessionOwnerIndex();

  private final Map<String, MapSession> sessions = new ConcurrentHashMap<>();
  private final Duration idleTimeout;
  private final int max;
  private final Clock clock;
  private final AtomicLong lastSweep = new AtomicLong();

  InMemorySessionRepository(Duration idleTimeout, int max, Clock clock) {
    this.idleTimeout = idleTimeout;
    this.max = max;
    this.clock = clock;
  }

  @Override
  public MapSession createSession() {
    sweepIfDue();
    MapSession session = new MapSession();
    Instant now = clock.instant();
    session.setCreationTime(now);
    session.setLastAccessedTime(now);
    session.setMaxInactiveInterval(idleTimeout);
    return session;
  }

  @Override
  public void save(MapSession session) {
    if (!session.getId().equals(session.getOriginalId())) {
      sessions.remove(session.getOriginalId());
    }
    if (!sessions.containsKey(session.getId()) && sessions.size() >= max) {
      makeRoom();
    }
    MapSession stored = new MapSession(session);
    stored.setLastAccessedTime(clock.instant());
    sessions.put(session.getId(), stored);
  }

  @Override
  public MapSession findById(String id) {
    MapSession stored = sessions.get(id);
    if (stored == null) {
      return null;
    }
    if (expired(stored)) {
      sessions.remove(id);
      return null;
    }
    return new MapSession(stored);
  }

  @Override
  public void deleteById(String id) {
    sessions.remove(id);
  }

  /** The live sessions of one user ({@link SessionOwnerIndex}); a scan, for the occasional account page. */
  @Override
  public Map<String, MapSession> findByIndexNameAndIndexValue(String indexName, String indexValue) {
    if (!SessionOwnerIndex.NAME.equals(indexName)) {
      return Map.of();
    }
    return sessions.values().stream()
        .filter(session -> !expired(session))
        .filter(session -> indexValue.equals(INDEX.resolveIndexesFor(session).get(indexName)))
        .collect(Collectors.toMap(MapSession::getId, MapSession::new));
  }

  int size() {
    return sessions.size();
  }

  private boolean expired(MapSession session) {
    Duration idle = session.getMaxInactiveInterval();
    return !idle.isNegative() && !clock.instant().minus(idle).isBefore(session.getLastAccessedTime());
  }

  private void sweepIfDue() {
    long now = clock.millis();
    long last = lastSweep.get();
    if (now - last >= SWEEP_INTERVAL_MILLIS && lastSweep.compareAndSet(last, now)) {
      sessions.values().removeIf(this::expired);
    }
  }

  /**
   * Expired sessions go first, then the least recently used anonymous ones (a login form
   * not yet submitted), and a signed-in session only when nothing else is left: a flood of
   * anonymous visitors cannot push signed-in users out.
   */
  private synchronized void makeRoom() {
    sessions.values().removeIf(this::expired);
    while (sessions.size() >= max) {
      Comparator<MapSession> evictFirst = Comparator.comparing(InMemorySessionRepository::signedIn)
          .thenComparing(MapSession::getLastAccessedTime);
      sessions.values().stream().min(evictFirst).ifPresent(victim -> sessions.remove(victim.getId()));
    }
  }

  private static boolean signedIn(MapSession session) {
    return session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY) != null;
  }

}
