package org.strongroom.sso;

import java.time.Clock;
import java.time.Duration;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import jakarta.servlet.http.HttpServletRequest;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.authentication.BadCredentialsException;
import org.springframework.security.core.AuthenticationException;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.accounts.Accounts;
import org.strongroom.accounts.ExternalSignIn;
import org.strongroom.accounts.UserAccount;
import org.strongroom.core.AuditEvent;
import org.strongroom.secrets.SecretBox;

/**
 * Which account a directory user signs into: as for OpenID Connect, only a link to the
 * directory entry (the directory's URL as issuer, the entry's DN as subject). A first login
 * makes an account when {@code create-users} is on and the entry has an e-mail address that
 * no account has yet; an address that belongs to an account never signs into it.
 */
@Service
class LdapLogin {

  /** The provider name of directory links in {@code sso_identities}. */
  static final String PROVIDER = "ldap";
  private static final Logger log = LoggerFactory.getLogger(LdapLogin.class);

  private final SsoProperties properties;
  private final SsoIdentities identities;
  private final Accounts accounts;
  private final ExternalSignIn signIn;
  private final Clock clock;
  private final LdapDirectory directory;
  private final ApplicationEventPublisher events;

  LdapLogin(SsoProperties properties, SsoIdentities identities, Accounts accounts, ExternalSignIn signIn, Clock clock,
      ObjectProvider<SecretBox> secrets, ApplicationEventPublisher events) {
    this.events = events;
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

  /** A directory name and password checked under the login lockout: the entry, or why not. */
  record Bind(LdapDirectory.DirectoryUser user, Duration locked, boolean unavailable) {
    boolean ok() {
      return user != null;
    }
  }

  /**
   * Checks a directory name and password as the directory form does (the same lockout per
   * name and address; a wrong password and an unknown name alike), for a link or a sudo
   * confirmation.
   */
  Bind bind(String username, String password, HttpServletRequest request) {
    String name = username.strip().toLowerCase(Locale.ROOT);
    String account = "ldap:" + (name.length() > 256 ? name.substring(0, 256) : name);
    Optional<Duration> locked = signIn.lockedOut(account, request);
    if (locked.isPresent()) {
      return new Bind(null, locked.get(), false);
    }
    try {
      if (directory == null || name.isEmpty() || name.length() > 256 || password.isEmpty()) {
        throw new BadCredentialsException("Bad credentials");
      }
      LdapDirectory.DirectoryUser user = directory.authenticate(name, password);
      signIn.recordSuccess(account);
      return new Bind(user, null, false);
    } catch (BadCredentialsException wrong) {
      signIn.recordWrongPassword(account, LdapLoginController.auditable(name), request);
      return new Bind(null, null, false);
    } catch (AuthenticationException unreachable) {
      log.warn("LDAP directory unavailable: {}", unreachable.getMessage());
      return new Bind(null, null, true);
    }
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
          + "linked to your directory account, so it was not signed into. Sign in with its password, then link "
          + "your directory account under Account security.");
    }
    UserAccount created = signIn.createWithoutPassword(user.email(), superuser, "ldap");
    identities.link(created.id(), PROVIDER, issuer(), user.dn(), user.email(), clock.instant());
    events.publishEvent(new AuditEvent("sso.link", created.id(), null, "user:" + created.id(), "success",
        Map.of("provider", PROVIDER, "reason", "created")));
    return OidcAccounts.Match.of(created.id());
  }

  /**
   * Links the directory entry to an account (its owner, signed in and in sudo mode, or an
   * administrator); false when the entry is already linked to another account.
   */
  @Transactional
  boolean link(long userId, String dn, String email) {
    Optional<SsoIdentities.Identity> linked = identities.find(issuer(), dn);
    if (linked.isPresent()) {
      return linked.get().userId() == userId;
    }
    identities.link(userId, PROVIDER, issuer(), dn, email, clock.instant());
    return true;
  }

  /** The account the directory entry is linked to, if any. */
  Optional<Long> owner(String dn) {
    return identities.find(issuer(), dn).map(SsoIdentities.Identity::userId);
  }
}
