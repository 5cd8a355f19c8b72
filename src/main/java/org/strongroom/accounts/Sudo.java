package org.strongroom.accounts;

import java.time.Instant;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.strongroom.accounts.annotations.RequiresSudo;
import org.strongroom.core.ApiException;
import org.strongroom.core.Caller;
import org.strongroom.core.Callers;

/**
 * Sudo mode: whether the browser session's user has re-confirmed their password recently.
 * Features use {@link RequiresSudo} on handlers, or call {@link #require} themselves.
 */
@org.springframework.modulith.NamedInterface("api")
@Component
public class Sudo {

  public static final String CONFIRM_PATH = "/account/sudo";
  public static final String REQUIRED_MESSAGE =
      "This action needs a recent password confirmation (sudo mode) at " + CONFIRM_PATH;

  private final SessionLogin sessions;

  Sudo(SessionLogin sessions) {
    this.sessions = sessions;
  }

  /** True for token callers (not a browser) and for sessions confirmed in the last 10 minutes. */
  public boolean satisfied(HttpServletRequest request) {
    Optional<Caller> caller = Callers.current();
    if (caller.isPresent() && !"session".equals(caller.get().authMethod())) {
      return true;
    }
    return activeUntil(request).map(until -> until.isAfter(sessions.now())).orElse(false);
  }

  /** Throws a 403 {@link ApiException} unless {@link #satisfied}. */
  public void require(HttpServletRequest request) {
    if (!satisfied(request)) {
      throw new ApiException(HttpStatus.FORBIDDEN, REQUIRED_MESSAGE);
    }
  }

  /**
   * A {@code next} path that stays on this site ({@code /} otherwise): never {@code //host}, a
   * scheme or a backslash trick.
   */
  public static String safeNext(String next) {
    return next != null && next.startsWith("/") && !next.startsWith("//") && !next.contains("\\")
        && next.length() <= 500 && next.chars().noneMatch(Character::isISOControl) ? next : "/";
  }

  Optional<Instant> activeUntil(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    return session != null && session.getAttribute(SessionLogin.SUDO_UNTIL) instanceof Instant until
        ? Optional.of(until) : Optional.empty();
  }
}
