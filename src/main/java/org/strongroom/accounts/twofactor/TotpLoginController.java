package org.strongroom.accounts.twofactor;

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
import org.strongroom.accounts.AccountUserDetails;
import org.strongroom.accounts.SecondFactorEnrolments;
import org.strongroom.accounts.SessionLogin;
import org.strongroom.accounts.login.AuthEvents;
import org.strongroom.accounts.login.LoginDetails;
import org.strongroom.accounts.login.LoginHandlers;
import org.strongroom.accounts.login.PasswordLoginProvider;
import org.strongroom.accounts.throttle.LoginThrottle;
import org.strongroom.accounts.users.UserStore;

/**
 * The second login step for users with TOTP: a code from the authenticator or a recovery
 * code. Failures count towards the same lockout as wrong passwords.
 */
@Controller
class TotpLoginController {

  private final UserStore users;
  private final TwoFactor twoFactor;
  private final LoginThrottle throttle;
  private final PasswordLoginProvider passwordStep;
  private final SessionLogin sessions;
  private final AuthEvents events;
  private final java.util.List<SecondFactorEnrolments> otherFactors;

  TotpLoginController(UserStore users, TwoFactor twoFactor, LoginThrottle throttle,
      PasswordLoginProvider passwordStep, SessionLogin sessions, AuthEvents events,
      java.util.List<SecondFactorEnrolments> otherFactors) {
    this.otherFactors = otherFactors;
    this.users = users;
    this.twoFactor = twoFactor;
    this.throttle = throttle;
    this.passwordStep = passwordStep;
    this.sessions = sessions;
    this.events = events;
  }

  @GetMapping(LoginHandlers.SECOND_FACTOR_PATH)
  @PermitAll
  ModelAndView form(HttpServletRequest request) {
    Optional<SessionLogin.PendingSecondFactor> pending = pending(request);
    if (pending.isEmpty()) {
      return new ModelAndView("redirect:/login");
    }
    return new ModelAndView("accounts/totp-login", factors(pending.get().userId()));
  }

  /** Which second factors the pending user can use on the page: TOTP, a passkey, or both. */
  private Map<String, Object> factors(long userId) {
    boolean totp = users.findById(userId).map(UserStore.StoredUser::totpEnabled).orElse(false);
    boolean passkey = otherFactors.stream().anyMatch(factor -> factor.enrolled(userId));
    return Map.of("totp", totp, "passkey", passkey);
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
      Map<String, Object> model = new java.util.HashMap<>(factors(pending.get().userId()));
      model.put("error", true);
      ModelAndView again = new ModelAndView("accounts/totp-login", model);
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
