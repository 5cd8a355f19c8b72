package org.strongroom.core;

/**
 * Who is making the current request, however they authenticated. Features decide access
 * from this alone, never from anything the request body says.
 */
public interface Caller {

  long userId();

  String email();

  boolean superuser();

  /** How the caller authenticated: {@code session} or {@code token}. */
  String authMethod();

  /** Whether this caller may act with the given scope (token scopes ∩ the owner's rights). */
  boolean hasScope(Scope scope);

  /** Refuses, 403, a caller that may not act with the given scope. */
  default void requireScope(Scope scope) {
    if (!hasScope(scope)) {
      throw new ApiException(org.springframework.http.HttpStatus.FORBIDDEN,
          "This token lacks the " + scope.value() + " scope");
    }
  }
}
