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
 * a pending password login of the same user, or confirming sudo mode for the signed-in user
 * who asked for it on the sudo page. The answer is the JSON the script expects.
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
    Optional<ExternalSignIn.SudoIntent> sudo = signIn.takeSudoIntent(request);
    if (sudo.isPresent()) {
      confirmSudo(sudo.get(), account, request, response);
      return;
    }
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

  /**
   * A passkey asserted from the sudo page: sudo mode for the session's user when the passkey
   * is theirs; another account's passkey confirms nothing (and signs nobody else in).
   */
  private void confirmSudo(ExternalSignIn.SudoIntent intent, Optional<UserAccount> account,
      HttpServletRequest request, HttpServletResponse response) throws IOException {
    long proven = account.map(UserAccount::id).orElse(-1L);
    if (!signIn.finishSudo(intent, FACTOR, proven, request, response)) {
      JsonErrors.write(response, HttpServletResponse.SC_UNAUTHORIZED, "Passkey confirmation failed");
      return;
    }
    response.setStatus(HttpServletResponse.SC_OK);
    response.setContentType("application/json");
    response.getWriter().write("{\"authenticated\":true,\"redirectUrl\":\"" + json(intent.next()) + "\"}");
  }

  private static String json(String text) {
    StringBuilder out = new StringBuilder();
    for (char c : text.toCharArray()) {
      if (c == '"' || c == '\\' || c < 0x20 || c == '<' || c == '>') {
        out.append(String.format("\\u%04x", (int) c));
      } else {
        out.append(c);
      }
    }
    return out.toString();
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
