package org.strongroom.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;

import com.unboundid.ldap.listener.InMemoryDirectoryServer;
import com.unboundid.ldap.listener.InMemoryDirectoryServerConfig;
import com.unboundid.ldap.listener.InMemoryListenerConfig;
import com.unboundid.ldap.sdk.Modification;
import com.unboundid.ldap.sdk.ModificationType;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.strongroom.accounts.Accounts;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.MutableClock;
import org.strongroom.support.RecordedAuditEvents;
import org.strongroom.support.SessionClient;

/**
 * LDAP sign-in against a real directory in the JVM (UnboundID's in-memory server, loaded from
 * {@code sso/directory.ldif}): the bind, a wrong password and an unknown name answered alike,
 * the password lockout, the group mapped to superuser, and no sign-in by e-mail address.
 */
@IntegrationTest
@Import({MutableClock.Configuration.class, RecordedAuditEvents.class})
class LdapLoginIntegrationTests {

  static final InMemoryDirectoryServer DIRECTORY = start();

  static InMemoryDirectoryServer start() {
    try {
      InMemoryDirectoryServerConfig config = new InMemoryDirectoryServerConfig("dc=example,dc=org");
      config.setListenerConfigs(InMemoryListenerConfig.createLDAPConfig("default", 0));
      InMemoryDirectoryServer server = new InMemoryDirectoryServer(config);
      server.importFromLDIF(true, LdapLoginIntegrationTests.class.getResource("/sso/directory.ldif").getPath());
      server.startListening();
      return server;
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @DynamicPropertySource
  static void directory(DynamicPropertyRegistry registry) {
    registry.add("strongroom.sso.ldap.url", () -> "ldap://localhost:" + DIRECTORY.getListenPort() + "/dc=example,dc=org");
    registry.add("strongroom.sso.ldap.user-dn-pattern", () -> "uid={0},ou=people");
    registry.add("strongroom.sso.ldap.group-search-base", () -> "ou=groups");
    registry.add("strongroom.sso.ldap.superuser-group", () -> "strongroom-admins");
    registry.add("strongroom.sso.ldap.display-name", () -> "Example directory");
  }

  @AfterAll
  static void stop() {
    DIRECTORY.shutDown(true);
  }

  @Autowired ApiClient api;
  @Autowired Accounts accounts;
  @Autowired MutableClock clock;
  @Autowired RecordedAuditEvents audit;

  @BeforeEach
  @AfterEach
  void forgetEarlierFailures() {
    clock.advance(Duration.ofDays(2));
  }

  static HttpResponse<String> login(SessionClient browser, String name, String password) {
    browser.get("/login");
    return browser.submit("/login/directory", Map.of("username", name, "password", password));
  }

  @Test
  void aDirectoryUserSignsInWithTheirBindAndGetsAnAccount() {
    SessionClient browser = new SessionClient(api);
    assertThat(browser.get("/login").body()).contains("Example directory").contains("/login/directory");
    HttpResponse<String> response = login(browser, "ada", "analytical engine 1843");
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow()).isEqualTo(api.baseUrl() + "/");
    HttpResponse<String> me = browser.get("/api/me");
    assertThat(me.statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(me).get("email").asString()).isEqualTo("ada@directory.example");
    long id = accounts.findByEmail("ada@directory.example").orElseThrow().id();
    assertThat(accounts.findById(id).orElseThrow().superuser()).isFalse();
    assertThat(audit.forUser(id)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("login.success");
      assertThat(e.details()).containsEntry("method", "ldap");
    });
    // The second time, the same account (linked by DN).
    SessionClient again = new SessionClient(api);
    assertThat(login(again, "ADA ", "analytical engine 1843").statusCode()).isEqualTo(302);
    assertThat(ApiClient.json(again.get("/api/me")).get("email").asString()).isEqualTo("ada@directory.example");
  }

  @Test
  void aWrongPasswordAndAnUnknownNameGetTheSameAnswer() {
    SessionClient browser = new SessionClient(api);
    HttpResponse<String> wrong = login(browser, "ada", "not the password at all");
    HttpResponse<String> unknown = login(new SessionClient(api), "nobody-here", "not the password at all");
    HttpResponse<String> empty = login(new SessionClient(api), "ada", "");
    for (HttpResponse<String> response : java.util.List.of(wrong, unknown, empty)) {
      assertThat(response.statusCode()).isEqualTo(302);
      assertThat(response.headers().firstValue("Location").orElseThrow()).endsWith("/login?directory-error");
    }
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
  }

  @Test
  void fiveWrongPasswordsLockTheNameAndTheRightOneDoesNotHelp() {
    for (int i = 0; i < 5; i++) {
      assertThat(login(new SessionClient(api), "guesser", "guess number " + i).headers().firstValue("Location")
          .orElseThrow()).endsWith("/login?directory-error");
    }
    SessionClient browser = new SessionClient(api);
    HttpResponse<String> locked = login(browser, "guesser", "the right one at last 7");
    assertThat(locked.statusCode()).isEqualTo(429);
    assertThat(locked.headers().firstValue("Retry-After")).isPresent();
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
    assertThat(accounts.findByEmail("guesser@directory.example")).isEmpty();
    assertThat(audit.all()).anySatisfy(e -> assertThat(e.action()).isEqualTo("login.lockout"));
  }

  @Test
  void theAdminGroupMakesASuperuserUntilTheyLeaveIt() throws Exception {
    SessionClient browser = new SessionClient(api);
    assertThat(login(browser, "grace", "compiler a-0 1952").statusCode()).isEqualTo(302);
    assertThat(accounts.findByEmail("grace@directory.example").orElseThrow().superuser()).isTrue();
    String group = "cn=strongroom-admins,ou=groups,dc=example,dc=org";
    String grace = "uid=grace,ou=people,dc=example,dc=org";
    DIRECTORY.modify(group, new Modification(ModificationType.DELETE, "member", grace));
    try {
      assertThat(login(new SessionClient(api), "grace", "compiler a-0 1952").statusCode()).isEqualTo(302);
      assertThat(accounts.findByEmail("grace@directory.example").orElseThrow().superuser()).isFalse();
      assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
    } finally {
      DIRECTORY.modify(group, new Modification(ModificationType.ADD, "member", grace));
    }
  }

  @Test
  void aPasswordTypedAsTheNameStaysOutOfTheAuditLog() {
    login(new SessionClient(api), "my secret passphrase", "my secret passphrase");
    assertThat(audit.all()).noneSatisfy(e -> assertThat(e.target() + e.details()).contains("passphrase"));
    assertThat(audit.all()).anySatisfy(e -> assertThat(e.target()).isEqualTo("ldap:?"));
  }

  @Test
  void anExistingAccountsAddressDoesNotSignIntoIt() {
    accounts.create("alan@directory.example", "a local password of his own", false);
    SessionClient browser = new SessionClient(api);
    HttpResponse<String> refused = login(browser, "alan", "universal machine 1936");
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(refused.body()).contains("not linked to your directory account");
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
  }
}
