package org.strongroom.accounts;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.strongroom.core.ApiException;
import org.strongroom.core.Callers;

/** {@code /admin/users}: superusers list users, disable or re-enable them and end their sessions (sudo mode). */
@Controller
@RequiresSudo
class AdminUsersController {

  static final int PAGE_LIMIT = 500;

  private final UserStore users;
  private final Accounts accounts;
  private final AuthEvents events;

  AdminUsersController(UserStore users, Accounts accounts, AuthEvents events) {
    this.users = users;
    this.accounts = accounts;
    this.events = events;
  }

  @GetMapping("/admin/users")
  @PreAuthorize("hasRole('SUPERUSER')")
  ModelAndView list() {
    return new ModelAndView("accounts/admin-users", Map.of("users", users.listAll(PAGE_LIMIT).stream()
        .map(u -> Map.of("id", u.account().id(), "email", u.account().email(), "superuser", u.account().superuser(),
            "active", u.account().active(), "mfa", u.totpEnabled()))
        .toList()));
  }

  @PostMapping("/admin/users/{id}/active")
  @PreAuthorize("hasRole('SUPERUSER')")
  String setActive(@PathVariable long id, @RequestParam("active") boolean active, HttpServletRequest request) {
    long self = Callers.current().orElseThrow().userId();
    if (id == self && !active) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "You cannot disable your own account");
    }
    accounts.setActive(id, active);
    events.superuserAction(active ? "user.enable" : "user.disable", self, "user:" + id, request);
    return "redirect:/admin/users";
  }

  /** Ends every session of the user on every instance (a stolen laptop, a departing colleague). */
  @PostMapping("/admin/users/{id}/sessions/end")
  @PreAuthorize("hasRole('SUPERUSER')")
  String endSessions(@PathVariable long id, HttpServletRequest request) {
    long self = Callers.current().orElseThrow().userId();
    accounts.endSessions(id);
    events.superuserAction("user.sessions.end", self, "user:" + id, request);
    return "redirect:/admin/users";
  }
}
