package org.strongroom.accounts.session;

import java.util.Map;

import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.web.context.HttpSessionSecurityContextRepository;
import org.springframework.session.FindByIndexNameSessionRepository;
import org.springframework.session.IndexResolver;
import org.springframework.session.Session;
import org.strongroom.accounts.AccountUserDetails;

/**
 * Indexes a signed-in session by its user's id (not the e-mail address, which may change), so
 * that every session of a user can be listed and ended; a session with nobody signed in (a
 * login form, a pending second factor) is not indexed.
 */
final class SessionOwnerIndex implements IndexResolver<Session> {

  static final String NAME = FindByIndexNameSessionRepository.PRINCIPAL_NAME_INDEX_NAME;

  @Override
  public Map<String, String> resolveIndexesFor(Session session) {
    Long owner = owner(session);
    return owner == null ? Map.of() : Map.of(NAME, value(owner));
  }

  static String value(long userId) {
    return "user:" + userId;
  }

  static Long owner(Session session) {
    Object context = session.getAttribute(HttpSessionSecurityContextRepository.SPRING_SECURITY_CONTEXT_KEY);
    if (context instanceof SecurityContext security && security.getAuthentication() != null
        && security.getAuthentication().getPrincipal() instanceof AccountUserDetails user) {
      return user.userId();
    }
    return null;
  }
}
