package org.strongroom.passkeys;

import org.springframework.security.authentication.ProviderManager;
import org.springframework.security.config.ObjectPostProcessor;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.web.access.intercept.AuthorizationFilter;
import org.springframework.security.web.context.RequestAttributeSecurityContextRepository;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationFilter;
import org.springframework.security.web.webauthn.authentication.WebAuthnAuthenticationProvider;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Component;
import org.strongroom.accounts.Sudo;

/**
 * What the page chain applies for passkeys: Spring Security's WebAuthn endpoints
 * ({@code POST /webauthn/register/options} and {@code /webauthn/register} to register, in sudo
 * mode; {@code POST /webauthn/authenticate/options} and {@code /login/webauthn} to sign in),
 * with the relying party from {@code strongroom.allowed-hosts}, the credentials in the database,
 * and the sign-in completed by {@link PasskeyLogin}. Its default pages are off: registration is
 * on {@code /account/security/passkeys}, sign-in on {@code /login}.
 */
@org.springframework.modulith.NamedInterface("security")
@Component
public class PasskeySecurity {

  private final PasskeyStore store;
  private final PasskeyRelyingParty relyingParty;
  private final PasskeyLogin login;
  private final Sudo sudo;

  PasskeySecurity(PasskeyStore store, PasskeyRelyingParty relyingParty, PasskeyLogin login, Sudo sudo) {
    this.store = store;
    this.relyingParty = relyingParty;
    this.login = login;
    this.sudo = sudo;
  }

  public void configure(HttpSecurity http) throws Exception {
    UserDetailsService users = login.users();
    http.setSharedObject(UserDetailsService.class, users);
    http.setSharedObject(PublicKeyCredentialUserEntityRepository.class, store.userEntities());
    http.setSharedObject(UserCredentialRepository.class, store.credentials());
    // Before Spring's registration filters, which are added when the chain is built.
    http.addFilterBefore(new RegistrationNeedsSudo(sudo), AuthorizationFilter.class);
    http.webAuthn(webAuthn -> webAuthn.rpName(PasskeyRelyingParty.NAME)
        .disableDefaultRegistrationPage(true)
        .withObjectPostProcessor(new ObjectPostProcessor<WebAuthnAuthenticationFilter>() {
          @Override
          public <O extends WebAuthnAuthenticationFilter> O postProcess(O filter) {
            filter.setAuthenticationManager(new ProviderManager(new WebAuthnAuthenticationProvider(relyingParty, users)));
            // The sign-in is stored by PasskeyLogin (new session id and all), not by the filter.
            filter.setSecurityContextRepository(new RequestAttributeSecurityContextRepository());
            filter.setAuthenticationSuccessHandler(login::onSuccess);
            filter.setAuthenticationFailureHandler(login::onFailure);
            return filter;
          }
        }));
  }
}
