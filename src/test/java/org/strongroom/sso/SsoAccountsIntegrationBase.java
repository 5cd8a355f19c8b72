package org.strongroom.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import org.junit.jupiter.api.BeforeEach;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.strongroom.accounts.Accounts;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.MutableClock;
import org.strongroom.support.RecordedAuditEvents;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestUsers;

/**
 * One server for the linking and sudo tests (the subclasses share its Spring context): the
 * in-JVM OpenID Connect provider under the issuer {@code acme} (accounts created at first
 * sign-in), and an UnboundID directory loaded from {@code sso/linking.ldif} whose entries
 * make no accounts by themselves.
 */
@IntegrationTest
@Import({MutableClock.Configuration.class, RecordedAuditEvents.class})
abstract class SsoAccountsIntegrationBase {

  static final MockOAuth2Server PROVIDER = OidcLoginIntegrationTests.PROVIDER;
  static final InMemoryDirectoryServer DIRECTORY = directory();
  static final String BASE_DN = "dc=example,dc=org";

  private static InMemoryDirectoryServer directory() {
    try {
      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig(BASE_DN);
      config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("default", 0));
      InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
      server.importFromLDIF(true, SsoAccountsIntegrationBase.class.getResource("/sso/linking.ldif").getPath());
      server.startListening();
      Runtime.getRuntime().addShutdownHook(new Thread(() -> server.shutDown(true)));
      return server;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void sso(DynamicPropertyRegistry registry) {
    registry.add("strongroom.sso.oidc.acme.issuer-uri", () -> PROVIDER.issuerUrl("acme").toString());
    registry.add("strongroom.sso.oidc.acme.client-id", () -> "strongroom");
    registry.add("strongroom.sso.oidc.acme.client-secret-sealed", OidcLoginIntegrationTests::sealedSecret);
    registry.add("strongroom.sso.oidc.acme.display-name", () -> "Acme Login");
    registry.add("strongroom.sso.oidc.acme.create-users", () -> "true");
    registry.add("strongroom.sso.oidc.acme.allowed-email-domains", () -> "acme.example");
    registry.add("strongroom.sso.oidc.acme.superuser-claim", () -> "groups");
    registry.add("strongroom.sso.oidc.acme.superuser-value", () -> "strongroom-admins");
    registry.add("strongroom.sso.ldap.url", () -> "ldap://localhost:" + DIRECTORY.getListenPort() + "/" + BASE_DN);
    registry.add("strongroom.sso.ldap.user-dn-pattern", () -> "uid={0},ou=people");
    registry.add("strongroom.sso.ldap.create-users", () -> "false");
    registry.add("strongroom.sso.ldap.display-name", () -> "Acme directory");
  }

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired Accounts accounts;
  @Autowired JdbcClient jdbc;
  @Autowired RecordedAuditEvents audit;
  @Autowired MutableClock clock;

  @BeforeEach
  void forgetEarlierFailures() {
    clock.advance(Duration.ofDays(2));
  }

  static String issuer() {
    return PROVIDER.issuerUrl("acme").toString();
  }

  static String newSubject(String prefix) {
    return prefix + "-" + UUID.randomUUID();
  }

  static String newEmail() {
    return "p" + UUID.randomUUID().toString().substring(0, 10) + "@acme.example";
  }

  long links(long userId) {
    return jdbc.sql("select count(*) from sso_identities where user_id = :id").param("id", userId)
        .query(Long.class).single();
  }

  long linksOf(String issuer, String subject) {
    return jdbc.sql("select count(*) from sso_identities where issuer = :i and subject = :s").param("i", issuer)
        .param("s", subject).query(Long.class).single();
  }

  long allLinks() {
    return jdbc.sql("select count(*) from sso_identities").query(Long.class).single();
  }

  /** The e-mail address of the session's user, or null when it is signed out. */
  static String signedInAs(SessionClient session) {
    HttpResponse<String> me = session.get("/api/me");
    return me.statusCode() == 200 ? ApiClient.json(me).get("email").asString() : null;
  }

  static String location(HttpResponse<String> response) {
    return response.headers().firstValue("Location").orElse("");
  }

  /** A browser session of a local user, confirmed for sudo mode with their password. */
  SessionClient inSudo(TestUsers.User user) {
    SessionClient session = signedIn(user);
    HttpResponse<String> sudo = session.submit("/account/sudo", Map.of("password", TestUsers.PASSWORD,
        "next", "/account/security"));
    assertThat(location(sudo)).as("sudo confirmed").endsWith("/account/security");
    return session;
  }

  SessionClient signedIn(TestUsers.User user) {
    SessionClient session = new SessionClient(api);
    assertThat(location(session.login(user.email(), TestUsers.PASSWORD))).doesNotContain("error");
    session.get("/");
    return session;
  }

  static HttpResponse<String> directoryLogin(SessionClient browser, String name, String password) {
    browser.get("/login");
    return browser.submit("/login/directory", Map.of("username", name, "password", password));
  }
}
