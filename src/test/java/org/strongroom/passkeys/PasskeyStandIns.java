package org.strongroom.passkeys;

import java.time.Instant;
import java.util.Set;

import org.springframework.context.ApplicationContext;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.ImmutableCredentialRecord;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCose;
import org.springframework.security.web.webauthn.api.ImmutablePublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialType;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;

/**
 * A stored passkey for a user, written through the same repositories a registration uses,
 * for tests that need a user to have one (to count as enrolled) without a browser. Its public
 * key is no key: it can never sign in.
 */
public final class PasskeyStandIns {

  private PasskeyStandIns() {}

  public static void add(ApplicationContext context, String email) {
    PasskeyStore store = context.getBean(PasskeyStore.class);
    PublicKeyCredentialUserEntity entity = store.userEntities().findByUsername(email);
    if (entity == null) {
      entity = ImmutablePublicKeyCredentialUserEntity.builder().name(email).id(Bytes.random()).displayName(email)
          .build();
      store.userEntities().save(entity);
    }
    store.credentials().save(ImmutableCredentialRecord.builder().credentialId(Bytes.random())
        .userEntityUserId(entity.getId()).publicKey(new ImmutablePublicKeyCose(new byte[] {0}))
        .credentialType(PublicKeyCredentialType.PUBLIC_KEY).signatureCount(0).uvInitialized(true)
        .transports(Set.of()).backupEligible(false).backupState(false).created(Instant.now())
        .lastUsed(Instant.now()).label("stand-in").build());
  }
}
