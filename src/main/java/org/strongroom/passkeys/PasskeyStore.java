package org.strongroom.passkeys;

import java.util.Comparator;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.security.web.webauthn.api.Bytes;
import org.springframework.security.web.webauthn.api.CredentialRecord;
import org.springframework.security.web.webauthn.api.PublicKeyCredentialUserEntity;
import org.springframework.security.web.webauthn.management.JdbcPublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.JdbcUserCredentialRepository;
import org.springframework.security.web.webauthn.management.PublicKeyCredentialUserEntityRepository;
import org.springframework.security.web.webauthn.management.UserCredentialRepository;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.strongroom.accounts.Accounts;
import org.strongroom.accounts.SecondFactorEnrolments;
import org.strongroom.accounts.UserAccount;
import org.strongroom.core.AuditEvent;
import org.strongroom.core.Callers;
import org.strongroom.core.ClientAddress;

/**
 * Passkeys in the database, through Spring Security's JDBC repositories (tables from
 * V85__passkeys.sql). A WebAuthn user entity is named by the account's e-mail address. A new
 * credential saved (a registration) is an audit entry; a saved existing one is only its
 * signature count and last use after a sign-in.
 */
@Component
class PasskeyStore implements SecondFactorEnrolments {

  /** One passkey as the account page lists it. */
  record Passkey(String id, String label, java.time.Instant created, java.time.Instant lastUsed) {}

  private final PublicKeyCredentialUserEntityRepository userEntities;
  private final JdbcUserCredentialRepository jdbcCredentials;
  private final UserCredentialRepository credentials;
  private final Accounts accounts;
  private final ApplicationEventPublisher publisher;

  PasskeyStore(JdbcTemplate jdbc, Accounts accounts, ApplicationEventPublisher publisher) {
    this.userEntities = new JdbcPublicKeyCredentialUserEntityRepository(jdbc);
    this.jdbcCredentials = new JdbcUserCredentialRepository(jdbc);
    this.credentials = new AuditedCredentials();
    this.accounts = accounts;
    this.publisher = publisher;
  }

  PublicKeyCredentialUserEntityRepository userEntities() {
    return userEntities;
  }

  UserCredentialRepository credentials() {
    return credentials;
  }

  @Override
  public boolean enrolled(long userId) {
    return !list(userId).isEmpty();
  }

  List<Passkey> list(long userId) {
    return entityOf(userId).map(entity -> jdbcCredentials.findByUserId(entity.getId()).stream()
        .map(record -> new Passkey(record.getCredentialId().toBase64UrlString(), record.getLabel(),
            record.getCreated(), record.getLastUsed()))
        .sorted(Comparator.comparing(Passkey::created, Comparator.nullsLast(Comparator.naturalOrder())))
        .toList()).orElse(List.of());
  }

  /** Removes one of the user's passkeys; false when the user has none by that id. */
  boolean remove(long userId, String credentialId, HttpServletRequest request) {
    Optional<PublicKeyCredentialUserEntity> entity = entityOf(userId);
    Bytes id;
    try {
      id = Bytes.fromBase64(credentialId);
    } catch (IllegalArgumentException malformed) {
      return false;
    }
    CredentialRecord record = jdbcCredentials.findByCredentialId(id);
    if (entity.isEmpty() || record == null || !record.getUserEntityUserId().equals(entity.get().getId())) {
      return false;
    }
    jdbcCredentials.delete(id);
    publisher.publishEvent(new AuditEvent("passkey.remove", userId, ClientAddress.of(request), "user:" + userId,
        "success", Map.of("label", record.getLabel())));
    return true;
  }

  /** The account a passkey's user entity names (its e-mail address). */
  Optional<UserAccount> accountOf(String userEntityName) {
    return accounts.findByEmail(userEntityName);
  }

  private Optional<PublicKeyCredentialUserEntity> entityOf(long userId) {
    return accounts.findById(userId).map(account -> userEntities.findByUsername(account.email()));
  }

  /** Audits registrations: a save of a credential not yet stored. */
  private final class AuditedCredentials implements UserCredentialRepository {

    @Override
    public void save(CredentialRecord record) {
      boolean added = jdbcCredentials.findByCredentialId(record.getCredentialId()) == null;
      jdbcCredentials.save(record);
      if (added) {
        Long actor = Callers.current().map(caller -> caller.userId()).orElse(null);
        String address = RequestContextHolder.getRequestAttributes() instanceof ServletRequestAttributes attributes
            ? ClientAddress.of(attributes.getRequest()) : null;
        publisher.publishEvent(new AuditEvent("passkey.register", actor, address,
            actor == null ? null : "user:" + actor, "success", Map.of("label", record.getLabel())));
      }
    }

    @Override
    public void delete(Bytes credentialId) {
      jdbcCredentials.delete(credentialId);
    }

    @Override
    public CredentialRecord findByCredentialId(Bytes credentialId) {
      return jdbcCredentials.findByCredentialId(credentialId);
    }

    @Override
    public List<CredentialRecord> findByUserId(Bytes userId) {
      return jdbcCredentials.findByUserId(userId);
    }
  }
}
