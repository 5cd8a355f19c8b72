package org.strongroom.accounts.session;

import java.time.Instant;
import java.util.Arrays;
import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.Session;
import org.springframework.stereotype.Component;
import org.strongroom.accounts.SessionLogin;

/**
 * The signed-in sessions of one user, in whichever store holds them (this process, or Redis
 * for every instance). Ending all of a user's sessions is decided by the user's session epoch
 * in the database, which every instance checks on every request; deleting them from the store
 * here makes it immediate and empties the list, and is skipped (logged) while Redis is away.
 */
@Component
public class UserSessions {

  private static final Logger log = LoggerFactory.getLogger(UserSessions.class);

  /** One row of the list on the account security page. */
  public record ActiveSession(String handle, Instant created, Instant lastSeen, String address, String userAgent,
      boolean current) {}

  private final FindByIndexNameSessionRepository<? extends Session> sessions;

  UserSessions(FindByIndexNameSessionRepository<? extends Session> sessions) {
    this.sessions = sessions;
  }

  /** Most recently used first; {@code currentId} is the asking request's session. */
  public List<ActiveSession> list(long userId, String currentId) {
    return owned(userId).values().stream()
        .filter(session -> session.getAttribute(SessionLogin.HANDLE) != null)
        .map(session -> new ActiveSession(session.getAttribute(SessionLogin.HANDLE), session.getCreationTime(),
            session.getLastAccessedTime(), session.getAttribute(SessionLogin.CLIENT_ADDRESS),
            session.getAttribute(SessionLogin.USER_AGENT), session.getId().equals(currentId)))
        .sorted(Comparator.comparing(ActiveSession::lastSeen).reversed())
        .toList();
  }

  /** The id of the user's session with this handle; empty for anyone else's session. */
  public Optional<String> idOf(long userId, String handle) {
    return owned(userId).values().stream()
        .filter(session -> handle.equals(session.getAttribute(SessionLogin.HANDLE)))
        .map(Session::getId)
        .findFirst();
  }

  public void delete(String sessionId) {
    sessions.deleteById(sessionId);
  }

  /**
   * Deletes every session of the user but those with the ids to keep: the asking session's id
   * both before and after a change of id in this request (the store renames it only at the end).
   */
  public void deleteAll(long userId, String... keep) {
    List<String> kept = Arrays.asList(keep);
    try {
      owned(userId).keySet().stream().filter(id -> !kept.contains(id)).forEach(sessions::deleteById);
    } catch (DataAccessException e) {
      log.warn("The sessions of user {} could not be deleted from the session store ({}); they still end at their "
          + "next request", userId, e.getMessage());
    }
  }

  private Map<String, ? extends Session> owned(long userId) {
    return sessions.findByIndexNameAndIndexValue(SessionOwnerIndex.NAME, SessionOwnerIndex.value(userId));
  }
}
