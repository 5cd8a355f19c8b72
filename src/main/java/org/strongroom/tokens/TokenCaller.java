package org.strongroom.tokens;

import java.util.Set;

import org.strongroom.core.Caller;
import org.strongroom.core.Scope;

/**
 * A caller authenticated by a personal access token. It acts with the token's scopes limited
 * by its owner's present rights: {@code ownerSuperuser} is read from the owner's row when the
 * token is checked, so a demoted owner's token loses {@code admin} (and superuser powers).
 */
record TokenCaller(long userId, String email, boolean ownerSuperuser, String tokenId, Set<Scope> scopes)
    implements Caller {

  @Override
  public String authMethod() {
    return "token";
  }

  /** A token acts as a superuser only when it carries {@code admin} and its owner is one now. */
  @Override
  public boolean superuser() {
    return ownerSuperuser && scopes.contains(Scope.ADMIN);
  }

  @Override
  public boolean hasScope(Scope scope) {
    return scopes.contains(scope) && (scope != Scope.ADMIN || ownerSuperuser);
  }

  @Override
  public String toString() {
    return "TokenCaller[userId=" + userId + ", tokenId=" + tokenId + "]";
  }
}
