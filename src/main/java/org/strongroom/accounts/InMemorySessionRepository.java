package org.strongroom.accounts;

import java.time.Duration;
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
 */
class InMemorySessionRepository implements FindByIndexNameSessionRepository<MapSession> {

  private static final long SWEEP_INTERVAL_MILLIS = 60_000;

  private static final SessionOwnerIndex INDEX = new SessionOwnerIndex();

  private final Map<String, MapSession> sessions = new ConcurrentHashMap<>();
  private final Duration idleTimeout;
  private final int max;
  private final AtomicLong lastSweep = new AtomicLong();

  InMemorySessionRepository(Duration idleTimeout, int max) {
    this.idleTimeout = idleTimeout;
    this.max = max;
  }

  @Override
  public MapSession createSession() {
    sweepIfDue();
    MapSession session = new MapSession();
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
    sessions.put(session.getId(), new MapSession(session));
  }

  @Override
  public MapSession findById(String id) {
    MapSession stored = sessions.get(id);
    if (stored == null) {
      return null;
    }
    if (stored.isExpired()) {
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
        .filter(session -> !session.isExpired())
        .filter(session -> indexValue.equals(INDEX.resolveIndexesFor(session).get(indexName)))
        .collect(Collectors.toMap(MapSession::getId, MapSession::new));
  }

  int size() {
    return sessions.size();
  }

  private void sweepIfDue() {
    long now = System.currentTimeMillis();
    long last = lastSweep.get();
    if (now - last >= SWEEP_INTERVAL_MILLIS && lastSweep.compareAndSet(last, now)) {
      sessions.values().removeIf(MapSession::isExpired);
    }
  }

  /**
   * Expired sessions go first, then the least recently used anonymous ones (a login form
   * not yet submitted), and a signed-in session only when nothing else is left: a flood of
   * anonymous visitors cannot push signed-in users out.
   */
  private synchronized void makeRoom() {
    sessions.values().removeIf(MapSession::isExpired);
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
