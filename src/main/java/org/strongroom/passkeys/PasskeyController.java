package org.strongroom.passkeys;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.servlet.ModelAndView;
import org.strongroom.accounts.RequiresSudo;
import org.strongroom.accounts.Sudo;
import org.strongroom.core.Callers;

/**
 * {@code /account/security/passkeys}: the user's passkeys with their last use, the button
 * that registers a new one (the script talks to Spring Security's endpoints; sudo mode is
 * needed), and removal (sudo mode too).
 */
@Controller
class PasskeyController {

  static final String PAGE = "/account/security/passkeys";

  private final PasskeyStore store;
  private final PasskeyRelyingParty relyingParty;
  private final Sudo sudo;

  PasskeyController(PasskeyStore store, PasskeyRelyingParty relyingParty, Sudo sudo) {
    this.store = store;
    this.relyingParty = relyingParty;
    this.sudo = sudo;
  }

  @GetMapping(PAGE)
  @PreAuthorize("hasRole('USER')")
  ModelAndView page(HttpServletRequest request) {
    long userId = Callers.current().orElseThrow().userId();
    return new ModelAndView("passkeys/passkeys", Map.of("passkeys", store.list(userId),
        "sudo", sudo.satisfied(request), "available", relyingParty.relyingParty() != null,
        "sudoPath", Sudo.CONFIRM_PATH + "?next=" + PAGE));
  }

  @PostMapping(PAGE + "/{id}/remove")
  @PreAuthorize("hasRole('USER')")
  @RequiresSudo
  ModelAndView remove(@PathVariable("id") String id, HttpServletRequest request) {
    long userId = Callers.current().orElseThrow().userId();
    if (!store.remove(userId, id, request)) {
      ModelAndView missing = page(request);
      missing.addObject("error", "No such passkey.");
      missing.setStatus(HttpStatus.NOT_FOUND);
      return missing;
    }
    return new ModelAndView("redirect:" + PAGE + "?removed");
  }
}
