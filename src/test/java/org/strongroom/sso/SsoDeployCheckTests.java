package org.strongroom.sso;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.URI;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.strongroom.instance.Finding;

/** The deploy checks on provider settings, and the start-up refusals of bad ones. */
class SsoDeployCheckTests {

  static SsoProperties.Oidc provider(String issuer, String sealed, String clear, boolean createUsers,
      List<String> domains) {
    return new SsoProperties.Oidc(URI.create(issuer), "client", sealed, clear, List.of("openid", "email"), null,
        createUsers, domains, null, null, false);
  }

  @Test
  void aSafeProviderHasNoFinding() {
    SsoProperties properties = new SsoProperties(Map.of("corp",
        provider("https://login.example.org/realms/staff", "c2VhbGVk", null, true, List.of("example.org"))), null);
    assertThat(new SsoDeployCheck(properties).check(true)).isEmpty();
  }

  @Test
  void plainHttpAClearSecretAndOpenAccountCreationAreErrorsWhenDeploying() {
    SsoProperties properties = new SsoProperties(Map.of("corp",
        provider("http://login.example.org/realms/staff", null, "clear-secret", true, List.of())), null);
    List<Finding> deploy = new SsoDeployCheck(properties).check(true);
    assertThat(deploy).extracting(Finding::id).containsExactlyInAnyOrder("SR-W140", "SR-W141", "SR-W142");
    assertThat(deploy).allMatch(Finding::isError);
    assertThat(deploy).extracting(Finding::line).noneMatch(line -> line.contains("clear-secret"));
    assertThat(new SsoDeployCheck(properties).check(false)).noneMatch(Finding::isError);
  }

  @Test
  void plainLdapIsAnErrorWhenDeploying() {
    SsoProperties.Ldap ldap = new SsoProperties.Ldap(java.net.URI.create("ldap://ldap.example.org/dc=example,dc=org"),
        false, null, "uid={0},ou=people", null, "(uid={0})", null, null, null, "(member={0})", null, "mail", true, "D");
    assertThat(new SsoDeployCheck(new SsoProperties(Map.of(), ldap)).check(true)).extracting(Finding::id)
        .containsExactly("SR-W143");
    SsoProperties.Ldap startTls = new SsoProperties.Ldap(ldap.url(), true, null, "uid={0},ou=people", null, "(uid={0})",
        null, null, null, "(member={0})", null, "mail", true, "D");
    assertThat(new SsoDeployCheck(new SsoProperties(Map.of(), startTls)).check(true)).isEmpty();
  }

  @Test
  void plainLdapIsOnlyAWarningOutsideProductionAndLdapsIsFine() {
    List<Finding> warnings = new SsoDeployCheck(new SsoProperties(Map.of(), ldap("ldap://ldap.example.org/dc=x", false,
        null))).check(false);
    assertThat(warnings).extracting(Finding::id).containsExactly("SR-W143");
    assertThat(warnings).noneMatch(Finding::isError);
    assertThat(warnings).extracting(Finding::line).allMatch(line -> line.contains("start-tls"));
    assertThat(new SsoDeployCheck(new SsoProperties(Map.of(), ldap("ldaps://ldap.example.org/dc=x", false,
        java.nio.file.Path.of("ca.pem")))).check(true)).isEmpty();
  }

  @Test
  void trustedCertificatesWithoutTlsAndAFileWithoutCertificatesAreRefusedNamingTheKey(
      @org.junit.jupiter.api.io.TempDir java.nio.file.Path folder) throws Exception {
    assertThatThrownBy(() -> new SsoProperties(Map.of(), ldap("ldap://ldap.example.org/dc=x", false,
        folder.resolve("ca.pem"))))
        .hasMessageContaining("strongroom.sso.ldap.trusted-certificates is for TLS")
        .hasMessageContaining("start-tls: true");
    java.nio.file.Path notPem = java.nio.file.Files.writeString(folder.resolve("key.pem"), "not a certificate");
    assertThatThrownBy(() -> LdapTls.trusting(notPem)).isInstanceOf(org.strongroom.instance.InvalidConfiguration.class)
        .hasMessageStartingWith("strongroom.sso.ldap.trusted-certificates: " + notPem)
        .hasMessageContaining("-----BEGIN CERTIFICATE-----");
    assertThatThrownBy(() -> LdapTls.trusting(folder.resolve("missing.pem")))
        .isInstanceOf(org.strongroom.instance.InvalidConfiguration.class)
        .hasMessageContaining("cannot read " + folder.resolve("missing.pem"));
  }

  private static SsoProperties.Ldap ldap(String url, boolean startTls, java.nio.file.Path trusted) {
    return new SsoProperties.Ldap(URI.create(url), startTls, trusted, "uid={0},ou=people", null, "(uid={0})", null,
        null, null, "(member={0})", null, "mail", true, "D");
  }

  @Test
  void badSettingsAreRefusedAtStartUpNamingTheKey() {
    assertThatThrownBy(() -> new SsoProperties(Map.of("corp", provider("https://x.example", null, null, false,
        List.of())), null)).hasMessageContaining("strongroom.sso.oidc.corp.client-secret-sealed")
        .hasMessageContaining("strongroom sso seal-secret");
    assertThatThrownBy(() -> new SsoProperties(Map.of("Corp Login", provider("https://x.example", "s", null, false,
        List.of())), null)).hasMessageContaining("strongroom.sso.oidc.Corp Login");
    assertThatThrownBy(() -> new SsoProperties(Map.of("corp", provider("login.example.org", "s", null, false,
        List.of())), null)).hasMessageContaining("strongroom.sso.oidc.corp.issuer-uri");
  }
}
