package org.strongroom.accounts.self;

import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpSession;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.accounts.Accounts;
import org.strongroom.accounts.SessionLogin;
import org.strongroom.accounts.login.AuthEvents;
import org.strongroom.accounts.session.UserSessions;
import org.strongroom.core.ApiException;
import org.strongroom.core.Callers;

/**
 * The user's own sessions, listed on {@code /account/security}: end one, or all ("sign out
 * everywhere", this one included). Only the user's own sessions can be found by their handle,
 * so a handle or id of someone else's session ends nothing (404).
 */
@Controller
class AccountSessionsController {

  static final String END = AccountSecurityController.PAGE + "/sessions/end";
  static final String END_ALL = AccountSecurityController.PAGE + "/sessions/end-all";
  private static final DateTimeFormatter SHOWN = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  private final UserSessions sessions;
  private final Accounts accounts;
  private final AuthEvents events;

  AccountSessionsController(UserSessions sessions, Accounts accounts, AuthEvents events) {
    this.sessions = sessions;
    this.accounts = accounts;
    this.events = events;
  }

  @PostMapping(END)
  @PreAuthorize("hasRole('USER')")
  String end(@RequestParam(name = "session", defaultValue = "") String handle, HttpServletRequest request) {
    long userId = Callers.current().orElseThrow().userId();
    HttpSession current = request.getSession(false);
    if (current != null && handle.equals(current.getAttribute(SessionLogin.HANDLE))) {
      events.success("session.end", userId, request, Map.of("which", "this"));
      endCurrent(current);
      return "redirect:/login";
    }
    String id = sessions.idOf(userId, handle).orElseThrow(() -> ApiException.notFound("Session"));
    sessions.delete(id);
    events.success("session.end", userId, request, Map.of("which", "other"));
    return "redirect:" + AccountSecurityController.PAGE + "?session-ended#sessions";
  }

  @PostMapping(END_ALL)
  @PreAuthorize("hasRole('USER')")
  String endAll(HttpServletRequest request) {
    long userId = Callers.current().orElseThrow().userId();
    accounts.endSessions(userId);
    events.success("session.end-all", userId, request, Map.of());
    HttpSession current = request.getSession(false);
    if (current != null) {
      endCurrent(current);
    }
    return "redirect:/login";
  }

  static List<Map<String, Object>> rows(List<UserSessions.ActiveSession> list) {
    return list.stream().map(s -> Map.<String, Object>of("handle", s.handle(), "created", SHOWN.format(s.created()),
        "lastSeen", SHOWN.format(s.lastSeen()), "address", s.address() == null ? "" : s.address(),
        "userAgent", s.userAgent() == null ? "" : s.userAgent(), "current", s.current())).toList();
  }

  private static void endCurrent(HttpSession current) {
    current.invalidate();
    SecurityContextHolder.clearContext();
  }
}
