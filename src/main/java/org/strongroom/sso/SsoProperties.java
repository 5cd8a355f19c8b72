package org.strongroom.sso;

import java.net.URI;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.regex.Pattern;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code strongroom.sso.*}: the OpenID Connect providers, by name, and an LDAP directory.
 * Checked at start-up; each refusal names the key and the fix.
 *
 * @param oidc OpenID Connect providers by name ({@code strongroom.sso.oidc.<name>.issuer-uri}, …); none by default
 * @param ldap an LDAP directory whose users sign in with their directory password; unset by default
 */
@ConfigurationProperties(prefix = "strongroom.sso")
public record SsoProperties(@DefaultValue Map<String, Oidc> oidc, Ldap ldap) {

  private static final Pattern NAME = Pattern.compile("[a-z0-9][a-z0-9-]{0,62}");

  public SsoProperties {
    Map<String, Oidc> checked = new LinkedHashMap<>();
    oidc.forEach((name, provider) -> {
      if (!NAME.matcher(name).matches()) {
        throw new IllegalArgumentException("strongroom.sso.oidc." + name + ": a provider's name must be lower-case "
            + "letters, digits and '-' (it appears in the callback URL), e.g. strongroom.sso.oidc.keycloak");
      }
      provider.check("strongroom.sso.oidc." + name);
      checked.put(name, provider);
    });
    oidc = Map.copyOf(checked);
    if (ldap != null) {
      ldap.check();
    }
  }

  /**
   * An LDAP directory whose users sign in with their directory name and password.
   *
   * @param url                   {@code ldaps://host:636/dc=example,dc=org} (the base DN as the path), or
   *                              {@code ldap://…} with {@code start-tls}; plain LDAP only outside production
   * @param startTls              upgrade an {@code ldap://} connection with StartTLS before binding
   * @param trustedCertificates   a PEM file of the certificates the directory's TLS certificate must chain to (its CA,
   *                              or its own certificate); unset: the JVM's trust store. Relative: inside the instance
   * @param userDnPattern         the user's DN below the base, {@code {0}} the name typed, e.g. {@code uid={0},ou=people}
   * @param userSearchBase        instead of a pattern: where to search for the user (below the base), e.g. {@code ou=people}
   * @param userSearchFilter      the search filter, {@code {0}} the name typed
   * @param managerDn             the account that searches (unset: anonymous search)
   * @param managerPasswordSealed its password, sealed by {@code strongroom sso seal-secret}
   * @param groupSearchBase       where groups are (below the base), e.g. {@code ou=groups}; unset: no groups read
   * @param groupSearchFilter     a group of the user, {@code {0}} the user's full DN
   * @param superuserGroup        the {@code cn} of the group whose members are superusers (decided at each login)
   * @param emailAttribute        the attribute holding the user's e-mail address
   * @param createUsers           make an account at the first login of a directory user no account is linked to
   * @param displayName           the heading of the directory form on the login page
   */
  public record Ldap(URI url, @DefaultValue("false") boolean startTls, Path trustedCertificates, String userDnPattern, String userSearchBase,
      @DefaultValue("(uid={0})") String userSearchFilter, String managerDn, String managerPasswordSealed,
      String groupSearchBase, @DefaultValue("(member={0})") String groupSearchFilter, String superuserGroup,
      @DefaultValue("mail") String emailAttribute, @DefaultValue("true") boolean createUsers,
      @DefaultValue("Directory account") String displayName) {

    void check() {
      if (url == null || !("ldaps".equals(url.getScheme()) || "ldap".equals(url.getScheme())) || url.getHost() == null) {
        throw new IllegalArgumentException("strongroom.sso.ldap.url must be ldaps://host:636/<base DN> (or ldap:// "
            + "with strongroom.sso.ldap.start-tls: true), e.g. ldaps://ldap.example.org/dc=example,dc=org");
      }
      if ((userDnPattern == null || userDnPattern.isBlank()) == (userSearchBase == null)) {
        throw new IllegalArgumentException("strongroom.sso.ldap: set either user-dn-pattern (e.g. uid={0},ou=people) "
            + "or user-search-base (with user-search-filter), not both and not neither");
      }
      if ((managerDn == null) != (managerPasswordSealed == null)) {
        throw new IllegalArgumentException("strongroom.sso.ldap.manager-dn and manager-password-sealed go together; "
            + "seal the password with 'strongroom sso seal-secret'");
      }
      if (trustedCertificates != null && !encrypted()) {
        throw new IllegalArgumentException("strongroom.sso.ldap.trusted-certificates is for TLS: use an ldaps:// "
            + "strongroom.sso.ldap.url, or set strongroom.sso.ldap.start-tls: true");
      }
      if (superuserGroup != null && groupSearchBase == null) {
        throw new IllegalArgumentException("strongroom.sso.ldap.superuser-group needs strongroom.sso.ldap.group-search-base "
            + "(where the groups are, e.g. ou=groups)");
      }
    }

    /** Whether the connection is encrypted before the password is sent. */
    boolean encrypted() {
      return "ldaps".equals(url.getScheme()) || startTls;
    }

    @Override
    public String toString() {
      return "Ldap[url=" + url + ", startTls=" + startTls + ", trusted=" + trustedCertificates + ", manager="
          + managerDn + ", password=<hidden>]";
    }
  }

  /**
   * One OpenID Connect provider.
   *
   * @param issuerUri           the issuer; its {@code /.well-known/openid-configuration} is read at start-up
   * @param clientId            the client id registered at the provider
   * @param clientSecretSealed  the client secret, sealed by {@code strongroom sso seal-secret}
   * @param clientSecret        the client secret in clear: accepted outside production only (deploy check SR-W141)
   * @param scopes              scopes asked for; {@code openid} is always added
   * @param displayName         the button's text on the login page (default: the name)
   * @param createUsers         create an account at the first login of an unknown identity
   * @param allowedEmailDomains with {@code create-users}: only verified addresses in these domains get an account
   * @param superuserClaim      a claim that, holding {@code superuser-value}, makes the user a superuser
   * @param superuserValue      the value of {@code superuser-claim} that grants superuser rights
   * @param trustProviderMfa    accept the provider's {@code amr}/{@code acr} as the second factor
   */
  public record Oidc(URI issuerUri, String clientId, String clientSecretSealed, String clientSecret,
      @DefaultValue({"openid", "profile", "email"}) List<String> scopes, String displayName,
      @DefaultValue("false") boolean createUsers, @DefaultValue List<String> allowedEmailDomains,
      String superuserClaim, String superuserValue, @DefaultValue("false") boolean trustProviderMfa) {

    public Oidc {
      List<String> withOpenid = new ArrayList<>(scopes.stream().map(String::strip).filter(s -> !s.isEmpty()).toList());
      if (!withOpenid.contains("openid")) {
        withOpenid.add(0, "openid");
      }
      scopes = List.copyOf(withOpenid);
      allowedEmailDomains = allowedEmailDomains.stream().map(d -> d.strip().toLowerCase(Locale.ROOT))
          .map(d -> d.startsWith("@") ? d.substring(1) : d).filter(d -> !d.isEmpty()).toList();
    }

    void check(String key) {
      if (issuerUri == null || !issuerUri.isAbsolute() || issuerUri.getHost() == null
          || !("https".equals(issuerUri.getScheme()) || "http".equals(issuerUri.getScheme()))) {
        throw new IllegalArgumentException(key + ".issuer-uri must be the provider's issuer URL, "
            + "e.g. https://login.example.org/realms/staff");
      }
      if (clientId == null || clientId.isBlank()) {
        throw new IllegalArgumentException(key + ".client-id must be set to the client id registered at the provider");
      }
      if (blank(clientSecretSealed) && blank(clientSecret)) {
        throw new IllegalArgumentException(key + ".client-secret-sealed must be set: seal the client secret with "
            + "'strongroom sso seal-secret < secret.txt'");
      }
      if (blank(superuserClaim) != blank(superuserValue)) {
        throw new IllegalArgumentException(key + ".superuser-claim and " + key + ".superuser-value go together: "
            + "set both, or neither");
      }
    }

    boolean secretSealed() {
      return !blank(clientSecretSealed);
    }

    boolean grantsSuperuser() {
      return !blank(superuserClaim);
    }

    String label(String name) {
      return blank(displayName) ? name : displayName;
    }

    @Override
    public String toString() {
      return "Oidc[issuer=" + issuerUri + ", clientId=" + clientId + ", secret=<hidden>]";
    }

    private static boolean blank(String value) {
      return value == null || value.isBlank();
    }
  }
}
