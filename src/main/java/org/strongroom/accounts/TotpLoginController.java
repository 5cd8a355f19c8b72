package org.strongroom.accounts;

import java.io.IOException;
import java.time.Duration;
import java.util.Map;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;

/**
 * The second login step for users with TOTP: a code from the authenticator or a recovery
 * code. Failures count towards the same lockout as wrong passwords.
 */
@Controller
class TotpLoginController {

  static final Duration PENDING_LIFETIME = Duration.ofMinutes(5);

  private final UserStore users;
  private final TwoFactor twoFactor;
  private final LoginThrottle throttle;
  private final PasswordLoginProvider passwordStep;
  private final SessionLogin sessions;
  private final AuthEvents events;

  TotpLoginController(UserStore users, TwoFactor twoFactor, LoginThrottle throttle,
      PasswordLoginProvider passwordStep, SessionLogin sessions, AuthEvents events) {
    this.users = users;
    this.twoFactor = twoFactor;
    this.throttle = throttle;
    this.passwordStep = passwordStep;
    this.sessions = sessions;
    this.events = events;
  }

  @GetMapping(LoginHandlers.SECOND_FACTOR_PATH)
  @PermitAll
  String form(HttpServletRequest request) {
    return pending(request).isPresent() ? "accounts/totp-login" : "redirect:/login";
  }

  @PostMapping(LoginHandlers.SECOND_FACTOR_PATH)
  @PermitAll
  ModelAndView verify(@RequestParam(name = "code", defaultValue = "") String code,
      HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
    Optional<SessionLogin.PendingSecondFactor> pending = pending(request);
    if (pending.isEmpty()) {
      return new ModelAndView("redirect:/login?expired");
    }
    LoginDetails details = LoginDetails.of(request);
    Optional<Duration> locked = throttle.retryAfter(pending.get().email(), details.address());
    if (locked.isPresent()) {
      LoginHandlers.respondLocked(request, response, locked.get());
      return null;
    }
    Optional<UserStore.StoredUser> user = users.findById(pending.get().userId())
        .filter(u -> u.account().active());
    Optional<TwoFactor.Method> method = user.flatMap(u -> twoFactor.verify(u, code));
    if (method.isEmpty()) {
      passwordStep.recordFailure(pending.get().email(), pending.get().userId(), details, "second-factor");
      ModelAndView again = new ModelAndView("accounts/totp-login", Map.of("error", true));
      again.setStatus(HttpStatus.BAD_REQUEST);
      return again;
    }
    long userId = user.get().account().id();
    throttle.recordSuccess(pending.get().email());
    sessions.signIn(AccountUserDetails.of(user.get()), request, response);
    if (method.get() == TwoFactor.Method.RECOVERY_CODE) {
      events.success("mfa.recovery-used", userId, request,
          Map.of("remaining", Integer.toString(twoFactor.remainingRecoveryCodes(userId))));
    }
    events.success("login.success", userId, request,
        Map.of("method", pending.get().method() + (method.get() == TwoFactor.Method.TOTP ? "+totp" : "+recovery-code")));
    return new ModelAndView("redirect:/");
  }

  private Optional<SessionLogin.PendingSecondFactor> pending(HttpServletRequest request) {
    HttpSession session = request.getSession(false);
    if (session == null || !(session.getAttribute(SessionLogin.PENDING_SECOND_FACTOR)
        instanceof SessionLogin.PendingSecondFactor pending)) {
      return Optional.empty();
    }
    if (!pending.expires().isAfter(sessions.now())) {
      session.removeAttribute(SessionLogin.PENDING_SECOND_FACTOR);
      return Optional.empty();
    }
    return Optional.of(pending);
  }
}
