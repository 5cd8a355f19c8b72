package org.strongroom.accounts.session;

import java.time.Duration;
import java.time.Instant;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;
import java.util.function.Predicate;

import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;

/**
 * A session store in front of another (Redis) that writes a session's last access time only
 * when it has moved by at least {@link #STEP_FRACTION 1/16} of the session's idle timeout.
 * Spring Session sets that time on every request; in Redis, writing it is a hash write plus the
 * expiry bookkeeping (the shadow key, the expirations set), several round trips on every page
 * view whose session did not otherwise change. With this, such a request reads its session and
 * writes nothing.
 *
 * <p>The idle timeout still holds: the stored time lags the real last use by less than a step,
 * so a session ends after at most the idle timeout without use, and at the earliest one step
 * before it. The "last seen" time in the session list is as coarse. A request that writes its
 * session anyway (an attribute set, the id changed) also carries its last access time.
 *
 * <p>Spring Session's filter reads a session back from the store right after saving it at the
 * end of a request, to decide whether to set the cookie again: a second read on every request.
 * Within a request scope ({@link SavedSessionReuseFilter}) that read-back is answered with the
 * session just saved; outside one, every read goes to the store.
 *
 * <p>A session that this instance's copy ({@link SessionNearCache}) shows as idle for too long is
 * read again from Redis before it is taken for ended: another instance may have moved its last
 * access time meanwhile.
 */
final class CoarseLastAccessSessionRepository<S extends Session>
    implements FindByIndexNameSessionRepository<CoarseLastAccessSessionRepository.CoarseSession<S>> {

  static final int STEP_FRACTION = 16;

  private final FindByIndexNameSessionRepository<S> store;
  /** Forgets this instance's copy of a session; true when there was one. */
  private final Predicate<String> forgetCopy;
  /** The sessions saved during the current request, each to be read back once. */
  private final ThreadLocal<Map<String, CoarseSession<S>>> savedInRequest = new ThreadLocal<>();

  CoarseLastAccessSessionRepository(FindByIndexNameSessionRepository<S> store) {
    this(store, id -> false);
  }

  CoarseLastAccessSessionRepository(FindByIndexNameSessionRepository<S> store, Predicate<String> forgetCopy) {
    this.store = store;
    this.forgetCopy = forgetCopy;
  }

  @Override
  public CoarseSession<S> createSession() {
    return new CoarseSession<>(store.createSession());
  }

  @Override
  public void save(CoarseSession<S> session) {
    session.beforeSave();
    store.save(session.stored);
    Map<String, CoarseSession<S>> saved = savedInRequest.get();
    if (saved != null) {
      saved.put(session.getId(), session);
    }
  }

  @Override
  public CoarseSession<S> findById(String id) {
    Map<String, CoarseSession<S>> saved = savedInRequest.get();
    CoarseSession<S> justSaved = saved == null ? null : saved.remove(id);
    if (justSaved != null) {
      return justSaved.isExpired() ? null : justSaved;
    }
    S found = store.findById(id);
    if (found == null && forgetCopy.test(id)) {
      found = store.findById(id);
    }
    return found == null ? null : new CoarseSession<>(found);
  }

  @Override
  public void deleteById(String id) {
    store.deleteById(id);
  }

  @Override
  public Map<String, CoarseSession<S>> findByIndexNameAndIndexValue(String indexName, String indexValue) {
    Map<String, CoarseSession<S>> found = new LinkedHashMap<>();
    store.findByIndexNameAndIndexValue(indexName, indexValue).forEach((id, s) -> found.put(id, new CoarseSession<>(s)));
    return found;
  }

  /** Starts a request scope on this thread; false when one is open already (then leave it open). */
  boolean openRequestScope() {
    if (savedInRequest.get() != null) {
      return false;
    }
    savedInRequest.set(new HashMap<>(2));
    return true;
  }

  void closeRequestScope() {
    savedInRequest.remove();
  }

  /** A session whose last access time reaches the store in steps. */
  static final class CoarseSession<S extends Session> implements Session {

    private final S stored;
    private Instant lastAccess;
    private boolean written;

    CoarseSession(S stored) {
      this.stored = stored;
    }

    @Override
    public void setLastAccessedTime(Instant time) {
      lastAccess = time;
      Duration step = stored.getMaxInactiveInterval().dividedBy(STEP_FRACTION);
      if (!time.isBefore(stored.getLastAccessedTime().plus(step))) {
        stored.setLastAccessedTime(time);
      }
    }

    /** A session written anyway takes the exact time along, at no extra cost. */
    void beforeSave() {
      if (written && lastAccess != null && lastAccess.isAfter(stored.getLastAccessedTime())) {
        stored.setLastAccessedTime(lastAccess);
      }
    }

    @Override
    public Instant getLastAccessedTime() {
      return stored.getLastAccessedTime();
    }

    @Override
    public String getId() {
      return stored.getId();
    }

    @Override
    public String changeSessionId() {
      written = true;
      return stored.changeSessionId();
    }

    @Override
    public <T> T getAttribute(String attributeName) {
      return stored.getAttribute(attributeName);
    }

    @Override
    public Set<String> getAttributeNames() {
      return stored.getAttributeNames();
    }

    @Override
    public void setAttribute(String attributeName, Object attributeValue) {
      written = true;
      stored.setAttribute(attributeName, attributeValue);
    }

    @Override
    public void removeAttribute(String attributeName) {
      written = true;
      stored.removeAttribute(attributeName);
    }

    @Override
    public Instant getCreationTime() {
      return stored.getCreationTime();
    }

    @Override
    public void setMaxInactiveInterval(Duration interval) {
      written = true;
      stored.setMaxInactiveInterval(interval);
    }

    @Override
    public Duration getMaxInactiveInterval() {
      return stored.getMaxInactiveInterval();
    }

    @Override
    public boolean isExpired() {
      return stored.isExpired();
    }
  }
}
