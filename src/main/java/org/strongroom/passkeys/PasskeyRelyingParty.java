package org.strongroom.passkeys;

import org.springframework.boot.web.server.context.WebServerInitializedEvent;
import org.springframework.context.ApplicationListener;
import org.springframework.core.env.Environment;
import org.springframework.security.web.webauthn.api.AuthenticatorSelectionCriteria;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialCreationOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRequestOptions;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialRpEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.ResidentKeyRequirement;
import org.springframework.security.web.webauthn.api.UserVerificationRequirement;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialCreationOptionsRequest;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialRequestOptionsRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyAuthenticationRequest;
import org.springframework.security.web.webauthn.management.RelyingPartyRegistrationRequest;
import org.springframework.security.web.webauthn.management.WebAuthnRelyingPartyOperations;
import org.springframework.security.web.webauthn.management.Webauthn4JRelyingPartyOperations;
import org.springframework.stereotype.Component;

/**
 * Spring Security's WebAuthn relying party (webauthn4j), built once the port this server
 * listens on is known, so that the allowed origins include it. Passkeys are discoverable and
 * user verification is required: a passkey is then two factors on its own (the device, and
 * the PIN or biometric that unlocks it), which is why it signs in without a password.
 */
@Component
class PasskeyRelyingParty implements WebAuthnRelyingPartyOperations, ApplicationListener<WebServerInitializedEvent> {

  static final String NAME = "Strongroom";

  private final Environment environment;
  private final PasskeyStore store;
  private volatile int port;
  private volatile Webauthn4JRelyingPartyOperations operations;

  PasskeyRelyingParty(Environment environment, PasskeyStore store) {
    this.environment = environment;
    this.store = store;
  }

  @Override
  public void onApplicationEvent(WebServerInitializedEvent event) {
    if (event.getApplicationContext().getServerNamespace() == null) {
      port = event.getWebServer().getPort();
      operations = null;
    }
  }

  /** The relying party this server answers as, or null when allowed-hosts names no host. */
  RelyingParty relyingParty() {
    int served = port > 0 ? port : environment.getProperty("server.port", Integer.class, 443);
    return RelyingParty.of(RelyingParty.allowedHosts(environment), served);
  }

  private Webauthn4JRelyingPartyOperations operations() {
    Webauthn4JRelyingPartyOperations current = operations;
    if (current == null) {
      RelyingParty party = relyingParty();
      if (party == null) {
        throw new IllegalStateException("strongroom.allowed-hosts names no host a passkey can be bound to");
      }
      current = new Webauthn4JRelyingPartyOperations(store.userEntities(), store.credentials(),
          PublicKeyCredentialRpEntity.builder().id(party.id()).name(NAME).build(), party.origins());
      current.setCustomizeCreationOptions(options -> options.authenticatorSelection(
          AuthenticatorSelectionCriteria.builder().residentKey(ResidentKeyRequirement.REQUIRED)
              .userVerification(UserVerificationRequirement.REQUIRED).build()));
      current.setCustomizeRequestOptions(options -> options.userVerification(UserVerificationRequirement.REQUIRED));
      operations = current;
    }
    return current;
  }

  @Override
  public PublicKeyCredentialCreationOptions createPublicKeyCredentialCreationOptions(
      PublicKeyCredentialCreationOptionsRequest request) {
    return operations().createPublicKeyCredentialCreationOptions(request);
  }

  @Override
  public CredentialRecord registerCredential(RelyingPartyRegistrationRequest request) {
    return operations().registerCredential(request);
  }

  @Override
  public PublicKeyCredentialRequestOptions createCredentialRequestOptions(PublicKeyCredentialRequestOptionsRequest request) {
    return operations().createCredentialRequestOptions(request);
  }

  @Override
  public PublicKeyCredentialUserEntity authenticate(RelyingPartyAuthenticationRequest request) {
    return operations().authenticate(request);
  }
}
