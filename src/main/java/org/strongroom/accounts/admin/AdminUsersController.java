package org.strongroom.accounts.admin;

import java.util.List;
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
import org.strongroom.accounts.Accounts;
import org.strongroom.accounts.annotations.RequiresSudo;
import org.strongroom.accounts.login.AuthEvents;
import org.strongroom.accounts.twofactor.TwoFactor;
import org.strongroom.accounts.users.UserStore;
import org.strongroom.core.ApiException;
import org.strongroom.core.Callers;

/**
 * {@code /admin/users}: superusers (in sudo mode) list and search users, disable or re-enable
 * them, require a password change (of an account that has a password: one a provider or a
 * directory made has none, and is refused with 409), and reset two-factor sign-in, and end
 * their sessions on every instance; each action is audited.
 */
@Controller
@RequiresSudo
class AdminUsersController {

  static final int PAGE_LIMIT = 500;
  static final String PAGE = "/admin/users";
  static final String NO_PASSWORD_TO_RESET = "This account has no password: it signs in through single sign-on "
      + "or with a passkey. End its sessions instead, or disable it.";

  private final UserStore users;
  private final Accounts accounts;
  private final TwoFactor twoFactor;
  private final AuthEvents events;

  AdminUsersController(UserStore users, Accounts accounts, TwoFactor twoFactor, AuthEvents events) {
    this.users = users;
    this.accounts = accounts;
    this.twoFactor = twoFactor;
    this.events = events;
  }

  @GetMapping(PAGE)
  @PreAuthorize("hasRole('SUPERUSER')")
  ModelAndView list(@RequestParam(defaultValue = "") String q) {
    String query = q.strip();
    if (query.length() > 320) {
      throw ApiException.badRequest("The search is too long");
    }
    List<UserStore.StoredUser> found = query.isEmpty() ? users.listAll(PAGE_LIMIT) : users.search(query, PAGE_LIMIT);
    return new ModelAndView("accounts/admin-users", Map.of("q", query, "users", found.stream()
        .map(u -> Map.of("id", u.account().id(), "email", u.account().email(), "superuser", u.account().superuser(),
            "active", u.account().active(), "mfa", u.totpEnabled(),
            "resetRequired", users.passwordResetRequired(u.account().id()), "hasPassword", u.passwordHash() != null))
        .toList()));
  }

  @PostMapping(PAGE + "/{id}/active")
  @PreAuthorize("hasRole('SUPERUSER')")
  String setActive(@PathVariable long id, @RequestParam("active") boolean active, HttpServletRequest request) {
    long self = self();
    if (id == self && !active) {
      throw new ApiException(HttpStatus.BAD_REQUEST, "You cannot disable your own account");
    }
    requireUser(id);
    accounts.setActive(id, active);
    events.superuserAction(active ? "user.enable" : "user.disable", self, "user:" + id, request);
    return "redirect:" + PAGE;
  }

  @PostMapping(PAGE + "/{id}/require-password-reset")
  @PreAuthorize("hasRole('SUPERUSER')")
  String requirePasswordReset(@PathVariable long id, HttpServletRequest request) {
    requireUser(id);
    if (!users.requirePasswordReset(id)) {
      throw new ApiException(HttpStatus.CONFLICT, NO_PASSWORD_TO_RESET);
    }
    events.superuserAction("user.password.reset_required", self(), "user:" + id, request);
    return "redirect:" + PAGE;
  }

  @PostMapping(PAGE + "/{id}/reset-two-factor")
  @PreAuthorize("hasRole('SUPERUSER')")
  String resetTwoFactor(@PathVariable long id, HttpServletRequest request) {
    requireUser(id);
    twoFactor.disable(id);
    events.superuserAction("user.mfa.reset", self(), "user:" + id, request);
    return "redirect:" + PAGE;
  }

  private void requireUser(long id) {
    if (users.findById(id).isEmpty()) {
      throw ApiException.notFound("User");
    }
  }

  private static long self() {
    return Callers.current().orElseThrow().userId();
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
