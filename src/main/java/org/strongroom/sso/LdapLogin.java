package org.strongroom.sso;

import java.time.Clock;
import java.util.Optional;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.accounts.Accounts;
import org.strongroom.accounts.ExternalSignIn;
import org.strongroom.accounts.UserAccount;
import org.strongroom.secrets.SecretBox;

/**
 * Which account a directory user signs into: as for OpenID Connect, only a link to the
 * directory entry (the directory's URL as issuer, the entry's DN as subject). A first login
 * makes an account when {@code create-users} is on and the entry has an e-mail address that
 * no account has yet; an address that belongs to an account never signs into it.
 */
@Service
class LdapLogin {

  private final SsoProperties properties;
  private final SsoIdentities identities;
  private final Accounts accounts;
  private final ExternalSignIn signIn;
  private final Clock clock;
  private final LdapDirectory directory;

  LdapLogin(SsoProperties properties, SsoIdentities identities, Accounts accounts, ExternalSignIn signIn, Clock clock,
      ObjectProvider<SecretBox> secrets) {
    this.properties = properties;
    this.identities = identities;
    this.accounts = accounts;
    this.signIn = signIn;
    this.clock = clock;
    this.directory = properties.ldap() == null ? null : new LdapDirectory(properties.ldap(), secrets.getObject());
  }

  Optional<LdapDirectory> directory() {
    return Optional.ofNullable(directory);
  }

  String issuer() {
    return "ldap:" + properties.ldap().url();
  }

  @Transactional
  OidcAccounts.Match match(LdapDirectory.DirectoryUser user) {
    Optional<SsoIdentities.Identity> linked = identities.find(issuer(), user.dn());
    boolean superuser = directory.isSuperuser(user);
    if (linked.isPresent()) {
      identities.recordLogin(linked.get().id(), user.email(), clock.instant());
      if (properties.ldap().superuserGroup() != null) {
        signIn.setSuperuser(linked.get().userId(), superuser, "ldap");
      }
      return OidcAccounts.Match.of(linked.get().userId());
    }
    if (!properties.ldap().createUsers() || user.email() == null) {
      return OidcAccounts.Match.refused("not-linked", "No account here is linked to this directory account.");
    }
    if (accounts.findByEmail(user.email()).isPresent()) {
      return OidcAccounts.Match.refused("email-taken", "An account with this e-mail address exists but is not "
          + "linked to your directory account, so it was not signed into. Sign in with its password instead.");
    }
    UserAccount created = signIn.createWithoutPassword(user.email(), superuser, "ldap");
    identities.link(created.id(), "ldap", issuer(), user.dn(), user.email(), clock.instant());
    return OidcAccounts.Match.of(created.id());
  }
}
