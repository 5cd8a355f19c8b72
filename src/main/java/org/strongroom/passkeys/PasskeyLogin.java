package org.strongroom.passkeys;

import java.io.IOException;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.AuthenticationException;
import org.springframework.security.core.context.SecurityContextHolder;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.stereotype.Component;
import org.strongroom.accounts.ExternalSignIn;
import org.strongroom.accounts.UserAccount;
import org.strongroom.core.JsonErrors;

/**
 * What happens after Spring Security has verified a passkey assertion at {@code /login/webauthn}:
 * the account the passkey belongs to is signed in by the session rules of every login
 * ({@link ExternalSignIn}: new session id, new CSRF token, audit), either alone or completing
 * a pending password login of the same user. The answer is the JSON the script expects.
 */
@Component
class PasskeyLogin {

  static final String FACTOR = "passkey";

  private final PasskeyStore store;
  private final ExternalSignIn signIn;

  PasskeyLogin(PasskeyStore store, ExternalSignIn signIn) {
    this.store = store;
    this.signIn = signIn;
  }

  void onSuccess(HttpServletRequest request, HttpServletResponse response, Authentication authentication)
      throws IOException {
    Optional<UserAccount> account = authentication.getPrincipal() instanceof PublicKeyCredentialUserEntity entity
        ? store.accountOf(entity.getName()) : Optional.empty();
    SecurityContextHolder.clearContext();
    if (account.isEmpty()) {
      signIn.recordFailure("passkey-unknown-user", request);
      JsonErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Passkey sign-in failed");
      return;
    }
    ExternalSignIn.Outcome outcome = signIn.signInWithSecondFactor(account.get().id(), FACTOR, request, response);
    if (outcome != ExternalSignIn.Outcome.SIGNED_IN) {
      JsonErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Passkey sign-in failed");
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    response.getWriter().write("{\"authenticated\":true,\"redirectUrl\":\"/\"}");
  }

  void onFailure(HttpServletRequest request, HttpServletResponse response, AuthenticationException e)
      throws IOException {
    SecurityContextHolder.clearContext();
    signIn.recordFailure("passkey", request);
    JsonErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Passkey sign-in failed");
  }

  /**
   * The user Spring Security's passkey provider looks up after verifying an assertion. Its
   * authorities do not matter: {@link #onSuccess} signs in the account itself.
   */
  UserDetailsService users() {
    return name -> {
      UserAccount account = store.accountOf(name)
          .orElseThrow(() -> new UsernameNotFoundException("no such account"));
      return User.withUsername(account.email()).password("").authorities("ROLE_USER")
          .disabled(!account.active()).build();
    };
  }
}
