package org.strongroom.sso;

import java.time.Clock;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.accounts.Accounts;
import org.strongroom.accounts.ExternalSignIn;
import org.strongroom.accounts.UserAccount;
import org.strongroom.core.AuditEvent;

/**
 * Which local account an OpenID Connect identity signs into. Only a link to the provider's
 * {@code (issuer, subject)} does: an e-mail address alone never signs into an existing
 * account (a provider that lets anyone claim any address must not open someone else's), and
 * an address the provider has not verified never counts at all. New accounts are made only
 * when the operator allows it, for verified addresses in the allowed domains.
 */
@Service
class OidcAccounts {

  /** The account to sign into, or why there is none (a reason for the audit log, a message for the person). */
  record Match(Long userId, String reason, String message) {

    static Match of(long userId) {
      return new Match(userId, null, null);
    }

    static Match refused(String reason, String message) {
      return new Match(null, reason, message);
    }

    boolean found() {
      return userId != null;
    }
  }

  private final SsoIdentities identities;
  private final Accounts accounts;
  private final ExternalSignIn signIn;
  private final Clock clock;
  private final ApplicationEventPublisher events;

  OidcAccounts(SsoIdentities identities, Accounts accounts, ExternalSignIn signIn, Clock clock,
      ApplicationEventPublisher events) {
    this.events = events;
    this.identities = identities;
    this.accounts = accounts;
    this.signIn = signIn;
    this.clock = clock;
  }

  @Transactional
  Match match(SsoProperties.Oidc config, OidcIdentity identity) {
    String label = config.label(identity.provider());
    Optional<SsoIdentities.Identity> linked = identities.find(identity.issuer(), identity.subject());
    if (linked.isPresent()) {
      identities.recordLogin(linked.get().id(), identity.email(), clock.instant());
      applySuperuserClaim(config, identity, linked.get().userId());
      return Match.of(linked.get().userId());
    }
    if (!config.createUsers()) {
      return Match.refused("not-linked", "No account here is linked to this " + label + " sign-in. Sign in with "
          + "your password, then link " + label + " under Account security.");
    }
    String email = identity.verifiedEmail();
    if (email == null) {
      return Match.refused("email-unverified", label + " has not verified an e-mail address for you, so no "
          + "account can be made from this sign-in.");
    }
    if (!config.allowedEmailDomains().isEmpty()
        && !config.allowedEmailDomains().contains(email.substring(email.indexOf('@') + 1))) {
      return Match.refused("email-domain", "Accounts are not made for addresses in this domain.");
    }
    if (accounts.findByEmail(email).isPresent()) {
      return Match.refused("email-taken", "An account with this e-mail address exists but is not linked to "
          + label + ". Sign in with your password, then link " + label + " under Account security.");
    }
    boolean superuser = config.grantsSuperuser() && identity.claimHolds(config.superuserClaim(), config.superuserValue());
    UserAccount created = signIn.createWithoutPassword(email, superuser, "oidc:" + identity.provider());
    identities.link(created.id(), identity.provider(), identity.issuer(), identity.subject(), email, clock.instant());
    events.publishEvent(new AuditEvent("sso.link", created.id(), null, "user:" + created.id(), "success",
        Map.of("provider", identity.provider(), "reason", "created")));
    return Match.of(created.id());
  }

  /** Links the identity to a signed-in user; false when it already belongs to another account. */
  @Transactional
  boolean link(long userId, OidcIdentity identity) {
    Optional<SsoIdentities.Identity> linked = identities.find(identity.issuer(), identity.subject());
    if (linked.isPresent()) {
      return linked.get().userId() == userId;
    }
    identities.link(userId, identity.provider(), identity.issuer(), identity.subject(), identity.email(),
        clock.instant());
    return true;
  }

  /** With a configured claim, the claim decides at every login: granted when present, removed when gone. */
  private void applySuperuserClaim(SsoProperties.Oidc config, OidcIdentity identity, long userId) {
    if (config.grantsSuperuser()) {
      signIn.setSuperuser(userId, identity.claimHolds(config.superuserClaim(), config.superuserValue()),
          "oidc:" + identity.provider());
    }
  }
}
