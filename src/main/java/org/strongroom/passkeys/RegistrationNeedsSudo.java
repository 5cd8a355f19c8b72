package org.strongroom.passkeys;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpMethod;
import org.springframework.web.filter.OncePerRequestFilter;
import org.strongroom.accounts.Sudo;
import org.strongroom.core.JsonErrors;

/**
 * Spring Security's registration endpoints ({@code /webauthn/register/options},
 * {@code /webauthn/register}) run before the authorisation rules, so sudo mode is checked
 * here, ahead of them: a stolen session cannot add a passkey (which would outlive it).
 * Spring's own delete endpoint is refused: passkeys are removed from the account page.
 */
class RegistrationNeedsSudo extends OncePerRequestFilter {

  static final String REGISTER = "/webauthn/register";

  private final Sudo sudo;

  RegistrationNeedsSudo(Sudo sudo) {
    this.sudo = sudo;
  }

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !request.getRequestURI().startsWith(REGISTER);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response, FilterChain chain)
      throws ServletException, IOException {
    String path = request.getRequestURI();
    boolean registration = HttpMethod.POST.matches(request.getMethod())
        && (path.equals(REGISTER) || path.equals(REGISTER + "/options"));
    if (!registration) {
      JsonErrors.write(response, HttpServletResponse.SC_NOT_FOUND, "Not found");
      return;
    }
    if (!sudo.satisfied(request)) {
      JsonErrors.write(response, HttpServletResponse.SC_FORBIDDEN, Sudo.REQUIRED_MESSAGE);
      return;
    }
    chain.doFilter(request, response);
  }
}
