package org.strongroom.core;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.context.SecurityContextHolder;

/** Reads the {@link Caller} of the current request from Spring Security's context. */
public final class Callers {

  private Callers() {}

  public static Optional<Caller> current() {
    Authentication authentication = SecurityContextHolder.getContext().getAuthentication();
    if (authentication != null && authentication.isAuthenticated()
        && authentication.getPrincipal() instanceof Caller caller) {
      return Optional.of(caller);
    }
    return Optional.empty();
  }

  /** The caller of the current request; 401 {@code Authentication required} when there is none. */
  public static Caller required() {
    return current().orElseThrow(() -> new ApiException(HttpStatus.UNAUTHORIZED, "Authentication required"));
  }
}
