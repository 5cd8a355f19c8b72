package org.strongroom.accounts.self;

import java.io.IOException;
import java.time.Duration;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpSession;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.strongroom.accounts.AccountUserDetails;
import org.strongroom.accounts.SessionLogin;
import org.strongroom.accounts.Sudo;
import org.strongroom.accounts.login.AuthEvents;
import org.strongroom.accounts.login.LoginDetails;
import org.strongroom.accounts.login.LoginHandlers;
import org.strongroom.accounts.login.PasswordLoginProvider;
import org.strongroom.accounts.password.PasswordChecks;
import org.strongroom.accounts.password.PasswordPolicy;
import org.strongroom.accounts.session.UserSessions;
import org.strongroom.accounts.throttle.LoginThrottle;
import org.strongroom.accounts.twofactor.TwoFactor;
import org.strongroom.accounts.users.UserStore;
import org.strongroom.core.ApiException;
import org.strongroom.core.Callers;

/**
 * {@code /account/security}: change the password (the current one is required) and turn
 * two-factor authentication on or off. A password change ends every other session of the
 * user; this one continues under a new id. An account a provider or a directory made has no
 * password (it signs in there, or with a passkey) and gets none here: it is shown why instead
 * of the form, and a change posted all the same is refused (403), since a local password would
 * be a second way in that bypasses its provider's policies and deprovisioning. Turning
 * two-factor authentication off takes the current password; such an account takes sudo mode
 * instead, confirmed there (a new sign-in at the provider, the directory password) or with a
 * passkey.
 */
@Controller
class AccountSecurityController {

  static final String PAGE = "/account/security";
  static final String NO_PASSWORD_TO_CHANGE =
      "This account has no password to change: it signs in through single sign-on or with a passkey.";
  static final String NO_PASSWORD_NEEDS_SUDO =
      "This account has no password: confirm your identity (sudo mode) first, then turn it off.";
  private static final String PENDING_SEED = "strongroom.pending-totp-seed";

  private final UserStore users;
  private final PasswordChecks passwords;
  private final PasswordPolicy policy;
  private final TwoFactor twoFactor;
  private final LoginThrottle throttle;
  private final PasswordLoginProvider passwordStep;
  private final SessionLogin sessions;
  private final AuthEvents events;
  private final UserSessions userSessions;
  private final Sudo sudo;

  AccountSecurityController(UserStore users, PasswordChecks passwords, PasswordPolicy policy, TwoFactor twoFactor,
      LoginThrottle throttle, PasswordLoginProvider passwordStep, SessionLogin sessions, AuthEvents events,
      UserSessions userSessions, Sudo sudo) {
    this.userSessions = userSessions;
    this.sudo = sudo;
    this.users = users;
    this.passwords = passwords;
    this.policy = policy;
    this.twoFactor = twoFactor;
    this.throttle = throttle;
    this.passwordStep = passwordStep;
    this.sessions = sessions;
    this.events = events;
  }

  @GetMapping(PAGE)
  @PreAuthorize("hasRole('USER')")
  ModelAndView page(HttpServletRequest request) {
    return view(request, Map.of(), HttpStatus.OK);
  }

  @PostMapping(PAGE + "/password")
  @PreAuthorize("hasRole('USER')")
  ModelAndView changePassword(@RequestParam(name = "current_password", defaultValue = "") String current,
      @RequestParam(name = "new_password", defaultValue = "") String replacement,
      @RequestParam(name = "confirm_password", defaultValue = "") String confirmation,
      HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
    UserStore.StoredUser user = self();
    if (user.passwordHash() == null) {
      // The page shows no form to such an account; a posted one changes nothing and, with no
      // password to guess, counts as no failed sign-in.
      events.failure("password.change", user.account().id(), null, request, "no-password");
      return view(request, Map.of("passwordError", NO_PASSWORD_TO_CHANGE), HttpStatus.FORBIDDEN);
    }
    if (!checkPassword(user, current, "password-change", request, response)) {
      return response.isCommitted() ? null : view(request, Map.of("passwordError", "The current password is wrong."),
          HttpStatus.BAD_REQUEST);
    }
    if (!replacement.equals(confirmation)) {
      return view(request, Map.of("passwordError", "The new passwords do not match."), HttpStatus.BAD_REQUEST);
    }
    try {
      policy.check(replacement);
    } catch (ApiException refused) {
      return view(request, Map.of("passwordError", refused.getMessage()), HttpStatus.BAD_REQUEST);
    }
    long id = user.account().id();
    String sessionBefore = request.getSession().getId();
    users.updatePassword(id, passwords.encode(replacement), sessions.now());
    sessions.signIn(AccountUserDetails.of(users.findById(id).orElseThrow()), request, response);
    userSessions.deleteAll(id, sessionBefore, request.getSession().getId());
    events.success("password.change", id, request, Map.of());
    return new ModelAndView("redirect:" + PAGE + "?password-changed");
  }

  @PostMapping(PAGE + "/totp/start")
  @PreAuthorize("hasRole('USER')")
  String startTotp(HttpServletRequest request) {
    if (self().totpEnabled()) {
      return "redirect:" + PAGE;
    }
    request.getSession().setAttribute(PENDING_SEED, twoFactor.seal(twoFactor.newSeed()));
    return "redirect:" + PAGE + "#totp";
  }

  @PostMapping(PAGE + "/totp/confirm")
  @PreAuthorize("hasRole('USER')")
  ModelAndView confirmTotp(@RequestParam(name = "code", defaultValue = "") String code, HttpServletRequest request) {
    HttpSession session = request.getSession();
    if (!(session.getAttribute(PENDING_SEED) instanceof String sealed) || self().totpEnabled()) {
      return new ModelAndView("redirect:" + PAGE);
    }
    long id = self().account().id();
    Optional<List<String>> codes = twoFactor.enable(id, twoFactor.open(sealed), code);
    if (codes.isEmpty()) {
      return view(request, Map.of("totpError", "That code is not right; check the time on your device."),
          HttpStatus.BAD_REQUEST);
    }
    session.removeAttribute(PENDING_SEED);
    events.success("mfa.enable", id, request, Map.of("method", "totp"));
    return new ModelAndView("accounts/recovery-codes", Map.of("codes", codes.get()));
  }

  @PostMapping(PAGE + "/totp/disable")
  @PreAuthorize("hasRole('USER')")
  ModelAndView disableTotp(@RequestParam(name = "current_password", defaultValue = "") String current,
      HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
    UserStore.StoredUser user = self();
    if (user.passwordHash() == null) {
      if (!sudo.satisfied(request)) {
        events.failure("mfa.disable", user.account().id(), "user:" + user.account().id(), request, "no-sudo");
        return view(request, Map.of("totpError", NO_PASSWORD_NEEDS_SUDO), HttpStatus.FORBIDDEN);
      }
    } else if (!checkPassword(user, current, "mfa-disable", request, response)) {
      return response.isCommitted() ? null : view(request, Map.of("totpError", "The current password is wrong."),
          HttpStatus.BAD_REQUEST);
    }
    twoFactor.disable(user.account().id());
    events.success("mfa.disable", user.account().id(), request,
        Map.of("confirmed", user.passwordHash() == null ? "sudo" : "password"));
    return new ModelAndView("redirect:" + PAGE + "?totp-disabled");
  }

  /** The current password, throttled like a login (a stolen session must not guess it). */
  private boolean checkPassword(UserStore.StoredUser user, String password, String reason,
      HttpServletRequest request, HttpServletResponse response) throws IOException, ServletException {
    LoginDetails details = LoginDetails.of(request);
    Optional<Duration> locked = throttle.retryAfter(user.account().email(), details.address());
    if (locked.isPresent()) {
      LoginHandlers.respondLocked(request, response, locked.get());
      return false;
    }
    if (passwords.matches(password, user.passwordHash())) {
      return true;
    }
    passwordStep.recordFailure(user.account().email(), user.account().id(), details, reason);
    return false;
  }

  private ModelAndView view(HttpServletRequest request, Map<String, Object> extra, HttpStatus status) {
    UserStore.StoredUser user = self();
    Map<String, Object> model = new HashMap<>(extra);
    model.put("totpEnabled", user.totpEnabled());
    model.put("hasPassword", user.passwordHash() != null);
    model.put("sudo", sudo.satisfied(request));
    model.put("sudoPath", Sudo.CONFIRM_PATH + "?next=" + PAGE);
    model.put("sessions", AccountSessionsController.rows(userSessions.list(user.account().id(),
        request.getSession().getId())));
    if (user.totpEnabled()) {
      model.put("recoveryCodesLeft", twoFactor.remainingRecoveryCodes(user.account().id()));
    } else if (request.getSession().getAttribute(PENDING_SEED) instanceof String sealed) {
      String seed = twoFactor.open(sealed);
      model.put("pendingSeed", seed);
      model.put("qrCode", twoFactor.qrCodeDataUri(user.account().email(), seed));
    }
    ModelAndView view = new ModelAndView("accounts/security", model);
    view.setStatus(status);
    return view;
  }

  private UserStore.StoredUser self() {
    long id = Callers.current().orElseThrow().userId();
    return users.findById(id).orElseThrow();
  }
}
