package org.strongroom.tokens;

import java.util.Set;

import org.strongroom.core.Caller;
import org.strongroom.core.Scope;

/** A caller authenticated by a personal access token. */
record TokenCaller(long userId, String email, boolean superuser, String tokenId, Set<Scope> scopes)
    implements Caller {

  @Override
  public String authMethod() {
    return "token";
  }

  /** The token's scopes, limited by what the owner may do now ({@code admin} needs a superuser). */
  @Override
  public boolean hasScope(Scope scope) {
    return scopes.contains(scope) && (scope != Scope.ADMIN || superuser);
  }

  @Override
  public String toString() {
    return "TokenCaller[userId=" + userId + ", tokenId=" + tokenId + "]";
  }
}
