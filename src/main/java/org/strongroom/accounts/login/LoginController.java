package org.strongroom.accounts.login;

import jakarta.annotation.security.PermitAll;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMapping;

/** The login and logout pages; Spring Security processes the submitted forms. */
@Controller
class LoginController {

  @GetMapping("/login")
  @PermitAll
  String login() {
    return "accounts/login";
  }

  /** The login page again, for a locked account or address (status 429 set by the failure handler). */
  @RequestMapping(LoginHandlers.LOCKED_PATH)
  @PermitAll
  String locked() {
    return "accounts/login";
  }

  @GetMapping("/logout")
  @PermitAll
  String logout() {
    return "accounts/logout";
  }
}
