package org.strongroom.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestUsers;

/**
 * Links made on purpose, over HTTPS: a superuser in sudo mode links an account to a provider's
 * {@code (issuer, sub)} or a directory DN from the administration pages, and unlinks it; a
 * user links their directory entry from Account security with its password. Each refusal
 * (not a superuser, no sudo mode, no CSRF token, an identity linked elsewhere, a wrong
 * directory password) writes nothing.
 */
class SsoLinkingIntegrationTests extends SsoAccountsIntegrationBase {

  static String adminPage(long userId) {
    return "/admin/users/" + userId + "/sso";
  }

  @Test
  void aSuperuserInSudoModeLinksAnIdentityThatThenSignsInAndUnlinksIt() {
    TestUsers.User admin = users.superuser();
    TestUsers.User target = users.user();
    SessionClient session = inSudo(admin);
    HttpResponse<String> page = session.get(adminPage(target.id()));
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains(target.email()).contains("Acme Login").contains("Acme directory");
    assertThat(page.headers().firstValue("Content-Security-Policy").orElseThrow()).doesNotContain("unsafe-inline");
    assertThat(session.get("/admin/users").body()).contains(adminPage(target.id()));

    String subject = newSubject("admin-linked");
    HttpResponse<String> linked = session.submit(adminPage(target.id()) + "/link",
        Map.of("provider", "acme", "subject", subject));
    assertThat(location(linked)).endsWith(adminPage(target.id()) + "?linked");
    assertThat(linksOf(issuer(), subject)).isOne();
    assertThat(audit.forUser(admin.id())).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("sso.link");
      assertThat(e.outcome()).isEqualTo("success");
      assertThat(e.target()).isEqualTo("user:" + target.id());
      assertThat(e.details()).containsEntry("provider", "acme").containsEntry("reason", "linked-by-administrator");
    });

    // The provider's sign-in for that subject now opens the account, whatever address it sends.
    OidcBrowser person = new OidcBrowser(api);
    OidcLoginIntegrationTests.nextToken("acme", subject, Map.of("email", newEmail(), "email_verified", true));
    assertThat(location(person.signIn("acme"))).isEqualTo(api.baseUrl() + "/");
    assertThat(signedInAs(person.session)).isEqualTo(target.email());

    long identity = jdbc.sql("select id from sso_identities where subject = :s").param("s", subject)
        .query(Long.class).single();
    assertThat(session.get(adminPage(target.id())).body()).contains(subject)
        .contains("/sso/identities/" + identity + "/unlink");
    HttpResponse<String> unlinked = session.submit(adminPage(target.id()) + "/identities/" + identity + "/unlink",
        Map.of());
    assertThat(location(unlinked)).endsWith(adminPage(target.id()) + "?unlinked");
    assertThat(linksOf(issuer(), subject)).isZero();
    assertThat(audit.forUser(admin.id())).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("sso.unlink");
      assertThat(e.target()).isEqualTo("user:" + target.id());
    });
    OidcBrowser later = new OidcBrowser(api);
    OidcLoginIntegrationTests.nextToken("acme", subject, Map.of());
    assertThat(later.signIn("acme").statusCode()).isEqualTo(403);
    assertThat(signedInAs(later.session)).isNull();
  }

  @Test
  void onlyASuperuserInSudoModeWithTheCsrfTokenCanLinkAndNothingIsWrittenOtherwise() {
    TestUsers.User target = users.user();
    long before = allLinks();
    Map<String, String> form = Map.of("provider", "acme", "subject", newSubject("forbidden"));

    SessionClient user = inSudo(users.user());
    HttpResponse<String> notSuperuser = user.submit(adminPage(target.id()) + "/link", form);
    assertThat(notSuperuser.statusCode()).isEqualTo(403);
    assertThat(user.get(adminPage(target.id())).statusCode()).isEqualTo(403);

    SessionClient admin = signedIn(users.superuser());
    HttpResponse<String> noSudo = admin.submit(adminPage(target.id()) + "/link", form);
    assertThat(noSudo.statusCode()).isEqualTo(302);
    assertThat(location(noSudo)).contains("/account/sudo?");

    SessionClient adminInSudo = inSudo(users.superuser());
    HttpResponse<String> noCsrf = adminInSudo.postForm(adminPage(target.id()) + "/link", form);
    assertThat(noCsrf.statusCode()).isEqualTo(403);

    HttpResponse<String> anonymous = new SessionClient(api).postForm(adminPage(target.id()) + "/link", form);
    assertThat(anonymous.statusCode()).isIn(302, 401, 403);
    assertThat(location(anonymous)).doesNotContain("?linked");

    assertThat(allLinks()).isEqualTo(before);
    assertThat(audit.all()).noneSatisfy(e -> {
      assertThat(e.action()).isEqualTo("sso.link");
      assertThat(e.target()).isEqualTo("user:" + target.id());
    });
  }

  @Test
  void anIdentityLinkedToAnotherAccountIsRefusedAndBadInputGetsFourHundred() {
    TestUsers.User owner = users.user();
    TestUsers.User other = users.user();
    TestUsers.User admin = users.superuser();
    SessionClient session = inSudo(admin);
    String subject = newSubject("owned");
    assertThat(location(session.submit(adminPage(owner.id()) + "/link", Map.of("provider", "acme",
        "subject", subject)))).endsWith("?linked");

    HttpResponse<String> taken = session.submit(adminPage(other.id()) + "/link", Map.of("provider", "acme",
        "subject", subject));
    assertThat(taken.statusCode()).isEqualTo(409);
    assertThat(taken.body()).contains("already linked to another account");
    assertThat(links(other.id())).isZero();
    assertThat(links(owner.id())).isOne();
    assertThat(audit.forUser(admin.id())).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("sso.link");
      assertThat(e.outcome()).isEqualTo("denied");
      assertThat(e.target()).isEqualTo("user:" + other.id());
    });

    long before = allLinks();
    assertThat(session.submit(adminPage(other.id()) + "/link", Map.of("provider", "nope", "subject", "x"))
        .statusCode()).isEqualTo(400);
    assertThat(session.submit(adminPage(other.id()) + "/link", Map.of("provider", "acme", "subject", " "))
        .statusCode()).isEqualTo(400);
    assertThat(session.submit(adminPage(other.id()) + "/link", Map.of("provider", "acme", "subject", "a\u0000b"))
        .statusCode()).isEqualTo(400);
    assertThat(session.submit(adminPage(other.id()) + "/link", Map.of("provider", "ldap", "subject", "not a dn"))
        .statusCode()).isEqualTo(400);
    assertThat(session.submit("/admin/users/999999999/sso/link", Map.of("provider", "acme", "subject", "x"))
        .statusCode()).isEqualTo(404);
    long ownersIdentity = jdbc.sql("select id from sso_identities where subject = :s").param("s", subject)
        .query(Long.class).single();
    // Another user's identity cannot be unlinked through this user's page.
    assertThat(session.submit(adminPage(other.id()) + "/identities/" + ownersIdentity + "/unlink", Map.of())
        .statusCode()).isEqualTo(404);
    assertThat(allLinks()).isEqualTo(before);
  }

  @Test
  void aSuperuserLinksADirectoryEntryByItsDnAndItsLoginThenOpensTheLocalAccount() {
    accounts.create("adrian@directory.example", "adrian's own local password 9", false);
    long local = accounts.findByEmail("adrian@directory.example").orElseThrow().id();
    SessionClient refused = new SessionClient(api);
    assertThat(directoryLogin(refused, "adrian", "linked by an administrator 2").statusCode()).isEqualTo(403);
    assertThat(signedInAs(refused)).isNull();

    SessionClient admin = inSudo(users.superuser());
    HttpResponse<String> linked = admin.submit(adminPage(local) + "/link", Map.of("provider", "ldap",
        "subject", "UID=adrian, ou=People,dc=example,dc=org"));
    assertThat(location(linked)).endsWith("?linked");

    SessionClient browser = new SessionClient(api);
    assertThat(location(directoryLogin(browser, "adrian", "linked by an administrator 2")))
        .isEqualTo(api.baseUrl() + "/");
    assertThat(signedInAs(browser)).isEqualTo("adrian@directory.example");
  }

  @Test
  void aUserLinksTheirDirectoryEntryInSudoModeWithItsPassword() {
    accounts.create("linda@directory.example", "linda's own local password 7", false);
    long local = accounts.findByEmail("linda@directory.example").orElseThrow().id();
    assertThat(directoryLogin(new SessionClient(api), "linda", "linking by her own hand 1").statusCode())
        .isEqualTo(403);

    SessionClient session = new SessionClient(api);
    assertThat(location(session.login("linda@directory.example", "linda's own local password 7"))).doesNotContain("error");
    assertThat(session.get("/account/security").body()).contains("/account/security/sso/directory/link");
    Map<String, String> form = Map.of("username", "linda", "password", "linking by her own hand 1");

    // Without sudo mode: sent to confirm, nothing linked.
    HttpResponse<String> noSudo = session.submit(SsoAccountController.DIRECTORY_LINK, form);
    assertThat(location(noSudo)).contains("/account/sudo?");
    assertThat(session.submit("/account/sudo", Map.of("password", "linda's own local password 7",
        "next", "/account/security")).statusCode()).isEqualTo(302);
    // Without the CSRF token: refused, nothing linked.
    assertThat(session.postForm(SsoAccountController.DIRECTORY_LINK, form).statusCode()).isEqualTo(403);
    // A wrong directory password: refused, counted like a failed directory login.
    HttpResponse<String> wrong = session.submit(SsoAccountController.DIRECTORY_LINK,
        Map.of("username", "linda", "password", "not her password"));
    assertThat(location(wrong)).endsWith("/account/security?sso-directory-error");
    assertThat(audit.all()).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("login.failure");
      assertThat(e.target()).isEqualTo("ldap:linda");
    });
    assertThat(links(local)).isZero();

    HttpResponse<String> linked = session.submit(SsoAccountController.DIRECTORY_LINK, form);
    assertThat(location(linked)).endsWith("/account/security?sso-linked");
    assertThat(links(local)).isOne();
    assertThat(audit.forUser(local)).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("sso.link");
      assertThat(e.outcome()).isEqualTo("success");
      assertThat(e.details()).containsEntry("provider", "ldap");
    });
    assertThat(session.get("/account/security").body()).contains("Acme directory")
        .doesNotContain("/account/security/sso/directory/link");

    SessionClient browser = new SessionClient(api);
    assertThat(location(directoryLogin(browser, "linda", "linking by her own hand 1")))
        .isEqualTo(api.baseUrl() + "/");
    assertThat(signedInAs(browser)).isEqualTo("linda@directory.example");
  }

  @Test
  void aDirectoryEntryLinkedToAnotherAccountIsNotLinkedAgain() {
    TestUsers.User first = users.user();
    SessionClient firstSession = inSudo(first);
    Map<String, String> otto = Map.of("username", "otto", "password", "another person entirely 4");
    assertThat(location(firstSession.submit(SsoAccountController.DIRECTORY_LINK, otto))).endsWith("?sso-linked");

    TestUsers.User second = users.user();
    SessionClient secondSession = inSudo(second);
    HttpResponse<String> refused = secondSession.submit(SsoAccountController.DIRECTORY_LINK, otto);
    assertThat(location(refused)).endsWith("/account/security?sso-link-refused");
    assertThat(links(second.id())).isZero();
    assertThat(audit.forUser(second.id())).anySatisfy(e -> {
      assertThat(e.action()).isEqualTo("sso.link");
      assertThat(e.outcome()).isEqualTo("denied");
    });
    SessionClient browser = new SessionClient(api);
    directoryLogin(browser, "otto", "another person entirely 4");
    assertThat(signedInAs(browser)).isEqualTo(first.email());
  }
}
