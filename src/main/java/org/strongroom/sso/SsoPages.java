package org.strongroom.sso;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;
import org.strongroom.core.Callers;

/**
 * What the single sign-on fragments show ({@code templates/sso/}): the provider buttons on
 * the login page, and the signed-in user's linked identities on the account security page.
 * Read by the templates as {@code @ssoPages}, so the login and account pages need no change
 * beyond including the fragments.
 */
@Component("ssoPages")
public class SsoPages {

  /** A button on the login page. */
  public record Button(String name, String label, boolean available) {}

  /** A provider the user may link, or an identity they have linked. */
  public record Linked(long id, String provider, String label, String email, Instant created, Instant lastLogin) {}

  private final OidcProviders providers;
  private final SsoIdentities identities;

  private final LdapLogin ldap;
  private final String ldapName;

  SsoPages(OidcProviders providers, SsoIdentities identities, LdapLogin ldap, SsoProperties properties) {
    this.providers = providers;
    this.identities = identities;
    this.ldap = ldap;
    this.ldapName = properties.ldap() == null ? null : properties.ldap().displayName();
  }

  public List<Button> buttons() {
    return providers.buttons().stream().map(b -> new Button(b.name(), b.label(), b.available())).toList();
  }

  /** The directory form's heading, or null when no LDAP directory is configured. */
  public String directory() {
    return ldap.directory().isPresent() ? ldapName : null;
  }

  public List<Linked> linked() {
    return linked(Callers.current().orElseThrow().userId());
  }

  /** The identities linked to a user (the administrators' page shows them too). */
  List<Linked> linked(long userId) {
    return identities.forUser(userId).stream().map(i -> new Linked(i.id(), i.provider(), label(i.provider()),
        i.email(), i.created(), i.lastLogin())).toList();
  }

  /** The providers the signed-in user can sign in again with to confirm sudo mode: linked and available. */
  public List<Button> reauthentication() {
    List<String> linked = identities.forUser(Callers.current().orElseThrow().userId()).stream()
        .map(SsoIdentities.Identity::provider).toList();
    return buttons().stream().filter(b -> b.available() && linked.contains(b.name())).toList();
  }

  /** Whether the signed-in user has linked a directory entry (and the directory is configured). */
  public boolean directoryLinked() {
    return directory() != null && identities.forUser(Callers.current().orElseThrow().userId()).stream()
        .anyMatch(i -> LdapLogin.PROVIDER.equals(i.provider()) && i.issuer().equals(ldap.issuer()));
  }

  String label(String provider) {
    if (LdapLogin.PROVIDER.equals(provider)) {
      return ldapName == null ? "Directory" : ldapName;
    }
    return providers.config(provider).map(c -> c.label(provider)).orElse(provider);
  }
}
