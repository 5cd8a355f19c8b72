package org.strongroom.accounts.sudo;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.strongroom.accounts.AccountUserDetails;
import org.strongroom.accounts.AccountsProperties;
import org.strongroom.accounts.ExternalSignIn;
import org.strongroom.accounts.SecondFactorEnrolments;
import org.strongroom.accounts.SessionLogin;
import org.strongroom.accounts.Sudo;
import org.strongroom.accounts.login.AuthEvents;
import org.strongroom.accounts.login.LoginDetails;
import org.strongroom.accounts.login.LoginHandlers;
import org.strongroom.accounts.login.PasswordLoginProvider;
import org.strongroom.accounts.password.PasswordChecks;
import org.strongroom.accounts.throttle.LoginThrottle;
import org.strongroom.accounts.twofactor.TwoFactor;
import org.strongroom.accounts.users.UserStore;
import org.strongroom.core.Callers;

/**
 * {@code /account/sudo}: confirm the password (and TOTP code) to enter sudo mode for 10 minutes.
 * The page also offers the other ways ({@link ExternalSignIn#beginSudo}): a passkey, and a new
 * sign-in at a linked provider or directory (the single sign-on fragment).
 */
@Controller
class SudoController {

  private final UserStore users;
  private final PasswordChecks passwords;
  private final TwoFactor twoFactor;
  private final LoginThrottle throttle;
  private final PasswordLoginProvider passwordStep;
  private final SessionLogin sessions;
  private final AuthEvents events;
  private final Duration duration;
  private final java.util.List<SecondFactorEnrolments> otherFactors;

  SudoController(UserStore users, PasswordChecks passwords, TwoFactor twoFactor, LoginThrottle throttle,
      PasswordLoginProvider passwordStep, SessionLogin sessions, AuthEvents events, AccountsProperties properties,
      java.util.List<SecondFactorEnrolments> otherFactors) {
    this.otherFactors = otherFactors;
    this.users = users;
    this.passwords = passwords;
    this.twoFactor = twoFactor;
    this.throttle = throttle;
    this.passwordStep = passwordStep;
    this.sessions = sessions;
    this.events = events;
    this.duration = properties.sudo().duration();
  }

  @GetMapping(Sudo.CONFIRM_PATH)
  @PreAuthorize("hasRole('USER')")
  ModelAndView form(@RequestParam(name = "next", defaultValue = "/") String next) {
    return page(next, false);
  }

  @PostMapping(Sudo.CONFIRM_PATH)
  @PreAuthorize("hasRole('USER')")
  ModelAndView confirm(@RequestParam(name = "password", defaultValue = "") String password,
      @RequestParam(name = "code", defaultValue = "") String code,
      @RequestParam(name = "next", defaultValue = "/") String next,
      HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
    AccountUserDetails caller = (AccountUserDetails) Callers.current().orElseThrow();
    UserStore.StoredUser user = users.findById(caller.userId()).orElseThrow();
    LoginDetails details = LoginDetails.of(request);
    Optional<Duration> locked = throttle.retryAfter(caller.email(), details.address());
    if (locked.isPresent()) {
      LoginHandlers.respondLocked(request, response, locked.get());
      return null;
    }
    boolean confirmed = passwords.matches(password, user.passwordHash())
        && (!user.totpEnabled() || twoFactor.verify(user, code).isPresent());
    if (!confirmed) {
      passwordStep.recordFailure(caller.email(), caller.userId(), details, "sudo");
      ModelAndView again = page(next, true);
      again.setStatus(HttpStatus.BAD_REQUEST);
      return again;
    }
    sessions.elevate(request, response).setAttribute(SessionLogin.SUDO_UNTIL, sessions.now().plus(duration));
    events.success("sudo.confirm", caller.userId(), request, Map.of("method", "password"));
    return new ModelAndView("redirect:" + Sudo.safeNext(next));
  }

  private ModelAndView page(String next, boolean error) {
    AccountUserDetails caller = (AccountUserDetails) Callers.current().orElseThrow();
    Optional<UserStore.StoredUser> user = users.findById(caller.userId());
    boolean totp = user.map(UserStore.StoredUser::totpEnabled).orElse(false);
    // An account made by a provider has no password: it confirms at its provider or with a passkey.
    boolean password = user.map(u -> u.passwordHash() != null).orElse(false);
    boolean passkey = otherFactors.stream().anyMatch(factor -> factor.enrolled(caller.userId()));
    return new ModelAndView("accounts/sudo", Map.of("next", Sudo.safeNext(next), "totp", totp, "error", error,
        "minutes", duration.toMinutes(), "password", password, "passkey", passkey));
  }
}
