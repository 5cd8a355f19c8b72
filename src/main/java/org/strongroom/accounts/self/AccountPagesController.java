package org.strongroom.accounts.self;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.strongroom.accounts.annotations.RequiresSudo;
import org.strongroom.accounts.users.UserStore;
import org.strongroom.core.Caller;
import org.strongroom.core.Callers;

/**
 * {@code /account/profile}, where the navigation's user link leads (who you are, with links to
 * security and tokens), and {@code /admin}, the superusers' start page.
 */
@Controller
class AccountPagesController {

  private final UserStore users;

  AccountPagesController(UserStore users) {
    this.users = users;
  }

  @GetMapping("/account/profile")
  @PreAuthorize("isAuthenticated()")
  String profile(Model model) {
    Caller caller = Callers.current().orElseThrow();
    UserStore.StoredUser user = users.findById(caller.userId()).orElseThrow();
    model.addAttribute("email", user.account().email());
    model.addAttribute("superuser", user.account().superuser());
    model.addAttribute("twoFactor", user.totpEnabled());
    model.addAttribute("created", user.account().created().toString().substring(0, 10));
    return "accounts/profile";
  }

  @GetMapping("/admin")
  @PreAuthorize("hasRole('SUPERUSER')")
  @RequiresSudo
  String admin() {
    return "accounts/admin-home";
  }
}
