package org.strongroom.sso;

import java.net.URI;
import java.util.Collection;
import java.util.HashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;

import javax.net.ssl.SSLSocketFactory;

import org.springframework.ldap.core.DirContextAdapter;
import org.springframework.ldap.core.DirContextOperations;
import org.springframework.ldap.core.support.DefaultTlsDirContextAuthenticationStrategy;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.Authentication;
import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.userdetails.User;
import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.ldap.DefaultSpringSecurityContextSource;
import org.springframework.security.ldap.authentication.BindAuthenticator;
import org.springframework.security.ldap.authentication.LdapAuthenticationProvider;
import org.springframework.security.ldap.search.FilterBasedLdapUserSearch;
import org.springframework.security.ldap.userdetails.DefaultLdapAuthoritiesPopulator;
import org.springframework.security.ldap.userdetails.UserDetailsContextMapper;
import org.strongroom.secrets.SecretBox;

/**
 * The LDAP directory, through Spring Security LDAP: the user's own bind checks the password
 * (found by DN pattern or by a search), their groups are read for the superuser mapping.
 * An unknown name and a wrong password fail alike ({@code BadCredentialsException}).
 */
class LdapDirectory {

  /** A directory user whose password was right. */
  record DirectoryUser(String dn, String email, List<String> groups) {}

  private static final int TIMEOUT_MILLIS = 5000;

  private final SsoProperties.Ldap config;
  private final LdapAuthenticationProvider provider;
  /** The factory trusting only {@code trusted-certificates}; null: the JVM's trust store. */
  private final SSLSocketFactory trusted;

  LdapDirectory(SsoProperties.Ldap config, SecretBox secrets) {
    this.config = config;
    DefaultSpringSecurityContextSource source = new DefaultSpringSecurityContextSource(config.url().toString());
    this.trusted = config.trustedCertificates() == null ? null : LdapTls.trusting(config.trustedCertificates());
    Map<String, Object> environment = new HashMap<>(Map.of(
        "com.sun.jndi.ldap.connect.timeout", Integer.toString(TIMEOUT_MILLIS),
        "com.sun.jndi.ldap.read.timeout", Integer.toString(TIMEOUT_MILLIS)));
    if (config.startTls()) {
      DefaultTlsDirContextAuthenticationStrategy startTls = new DefaultTlsDirContextAuthenticationStrategy();
      if (trusted != null) {
        startTls.setSslSocketFactory(trusted);
      }
      source.setAuthenticationStrategy(startTls);
    } else if (trusted != null) {
      environment.put("java.naming.ldap.factory.socket", LdapTls.JndiSocketFactory.class.getName());
    }
    if (config.encrypted()) {
      // A pooled connection would outlive the TLS settings it was opened with.
      source.setPooled(false);
    }
    if (config.managerDn() != null) {
      source.setUserDn(config.managerDn());
      source.setPassword(SsoSecrets.open(secrets, config.managerPasswordSealed()));
    }
    source.setBaseEnvironmentProperties(environment);
    source.afterPropertiesSet();
    BindAuthenticator authenticator = new BindAuthenticator(source);
    if (config.userDnPattern() != null && !config.userDnPattern().isBlank()) {
      authenticator.setUserDnPatterns(new String[] {config.userDnPattern()});
    } else {
      authenticator.setUserSearch(new FilterBasedLdapUserSearch(config.userSearchBase(), config.userSearchFilter(),
          source));
    }
    provider = config.groupSearchBase() == null ? new LdapAuthenticationProvider(authenticator)
        : new LdapAuthenticationProvider(authenticator, groups(source));
    provider.setHideUserNotFoundExceptions(true);
    provider.setUserDetailsContextMapper(new Mapper());
  }

  private DefaultLdapAuthoritiesPopulator groups(DefaultSpringSecurityContextSource source) {
    DefaultLdapAuthoritiesPopulator populator = new DefaultLdapAuthoritiesPopulator(source, config.groupSearchBase());
    populator.setGroupSearchFilter(config.groupSearchFilter());
    populator.setGroupRoleAttribute("cn");
    populator.setRolePrefix("");
    populator.setConvertToUpperCase(false);
    populator.setSearchSubtree(true);
    return populator;
  }

  /**
   * Checks the name and password with a bind. Throws {@code BadCredentialsException} for a
   * wrong password or an unknown name, {@code InternalAuthenticationServiceException} when
   * the directory cannot be reached.
   */
  DirectoryUser authenticate(String username, String password) {
    UsernamePasswordAuthenticationToken attempt = UsernamePasswordAuthenticationToken.unauthenticated(username,
        password);
    Authentication result = trusted == null || config.startTls() ? provider.authenticate(attempt)
        : LdapTls.JndiSocketFactory.with(trusted, () -> provider.authenticate(attempt));
    return ((Principal) result.getPrincipal()).user();
  }

  /** The directory as logs name it: scheme, host and port, never the base DN or a password. */
  String address() {
    URI url = config.url();
    return url.getScheme() + "://" + url.getHost() + (url.getPort() < 0 ? "" : ":" + url.getPort())
        + (config.startTls() ? " (StartTLS)" : "");
  }

  boolean isSuperuser(DirectoryUser user) {
    return config.superuserGroup() != null && user.groups().contains(config.superuserGroup());
  }

  /** The DN, the address and the group names; no password is kept. */
  private static final class Principal extends User {
    private final transient DirectoryUser user;

    Principal(DirectoryUser user, Collection<? extends GrantedAuthority> authorities) {
      super(user.dn(), "", authorities);
      this.user = user;
    }

    DirectoryUser user() {
      return user;
    }
  }

  private final class Mapper implements UserDetailsContextMapper {
    @Override
    public UserDetails mapUserFromContext(DirContextOperations context, String username,
        Collection<? extends GrantedAuthority> authorities) {
      String email = context.getStringAttribute(config.emailAttribute());
      List<String> groups = authorities.stream().map(GrantedAuthority::getAuthority).toList();
      return new Principal(new DirectoryUser(context.getNameInNamespace().toLowerCase(Locale.ROOT),
          email == null ? null : email.strip().toLowerCase(Locale.ROOT), groups), authorities);
    }

    @Override
    public void mapUserToContext(UserDetails user, DirContextAdapter context) {
      throw new UnsupportedOperationException("the directory is read, never written");
    }
  }
}
