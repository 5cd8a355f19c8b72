package org.strongroom.tokens;

import java.util.Optional;

import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.strongroom.core.Callers;

/**
 * {@code /admin/tokens}: every user's tokens, for superusers, who may revoke any of them.
 *
 * <p>Sudo mode hook: these are superuser actions from a browser, so they must also require a
 * password (and TOTP) confirmation in the last 10 minutes. That guard belongs to the identity
 * feature and is expected to cover every {@code /admin/**} page; nothing here needs to change
 * for it beyond adding its annotation or matcher next to {@code @PreAuthorize}.
 */
@Controller
class TokenAdminController {

  static final String PATH = "/admin/tokens";

  private final AccessTokens tokens;

  TokenAdminController(AccessTokens tokens) {
    this.tokens = tokens;
  }

  @GetMapping(PATH)
  @PreAuthorize("hasRole('SUPERUSER')")
  String list(Model model) {
    model.addAttribute("tokens", tokens.list(Optional.empty()).stream().map(TokenRow::of).toList());
    return "tokens/admin";
  }

  @PostMapping(PATH + "/{id}/revoke")
  @PreAuthorize("hasRole('SUPERUSER')")
  String revoke(@PathVariable String id) {
    tokens.revokeAny(Callers.current().orElseThrow(), id);
    return "redirect:" + PATH;
  }
}
