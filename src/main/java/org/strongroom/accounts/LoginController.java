package org.strongroom.accounts;

import jakarta.annotation.security.PermitAll;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;

/** The login and logout pages; Spring Security processes the submitted forms. */
@Controller
class LoginController {

  @GetMapping("/login")
  @PermitAll
  String login() {
    return "accounts/login";
  }

  @GetMapping("/logout")
  @PermitAll
  String logout() {
    return "accounts/logout";
  }
}
