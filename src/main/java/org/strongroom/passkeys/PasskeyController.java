package org.strongroom.passkeys;

import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpStatus;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.strongroom.accounts.ExternalSignIn;
import org.strongroom.accounts.annotations.RequiresSudo;
import org.strongroom.accounts.Sudo;
import org.strongroom.core.ApiException;
import org.strongroom.core.Callers;

/**
 * {@code /account/security/passkeys}: the user's passkeys with their last use, the button
 * that registers a new one (the script talks to Spring Security's endpoints; sudo mode is
 * needed), and removal (sudo mode too); and the start of a sudo confirmation with a passkey.
 */
@Controller
class PasskeyController {

  static final String PAGE = "/account/security/passkeys";

  static final String SUDO = Sudo.CONFIRM_PATH + "/passkey";

  /** The answer to {@link #beginSudo}: {@code {"started": true}}. */
  record SudoStarted(boolean started) {}

  private final PasskeyStore store;
  private final PasskeyRelyingParty relyingParty;
  private final Sudo sudo;
  private final ExternalSignIn signIn;

  PasskeyController(PasskeyStore store, PasskeyRelyingParty relyingParty, Sudo sudo, ExternalSignIn signIn) {
    this.store = store;
    this.relyingParty = relyingParty;
    this.sudo = sudo;
    this.signIn = signIn;
  }

  /**
   * The sudo page's passkey button, before it asks the authenticator: notes that this
   * session's user is confirming sudo mode with a passkey ({@link PasskeyLogin} finishes it).
   */
  @PostMapping(SUDO)
  @PreAuthorize("hasRole('USER')")
  ResponseEntity<SudoStarted> beginSudo(@RequestParam(name = "next", defaultValue = "/") String next,
      HttpServletRequest request) {
    long userId = Callers.current().orElseThrow().userId();
    if (!store.enrolled(userId)) {
      throw ApiException.notFound("Passkey");
    }
    signIn.beginSudo(userId, PasskeyLogin.FACTOR, next, request);
    return ResponseEntity.ok(new SudoStarted(true));
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
