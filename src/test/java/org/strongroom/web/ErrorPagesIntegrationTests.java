package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.regex.Pattern;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.PageSession;
import org.strongroom.support.TestUsers;

/**
 * Error answers: an unknown page is a 404 in the site's layout for everyone, a known page that
 * needs rights keeps its login redirect or 403, API paths answer JSON whatever Accept says,
 * firewall refusals use the layout too, and {@code /error} is no page of its own.
 */
@IntegrationTest
class ErrorPagesIntegrationTests {

  private static final String LAYOUT = "<header class=\"site\">";

  @Autowired ApiClient api;
  @Autowired TestUsers users;

  private static void assertStyledPage(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.uri().toString()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(response.body()).contains(LAYOUT).contains("<main").contains("<h1>" + status + "</h1>")
        .contains("lang=\"en\"").doesNotContain("<!--");
  }

  @Test
  void anUnknownPageIsAStyled404ForAnonymousVisitors() {
    for (String path : new String[] {"/no/such/page", "/records/x/y/z", "/account/nothing", "/account/security/x"}) {
      HttpResponse<String> response = api.get(path, "Accept", "text/html");
      assertStyledPage(response, 404);
      assertThat(response.headers().firstValue("Location")).isEmpty();
    }
  }

  @Test
  void anUnknownPageIsAStyled404ForSignedInUsers() {
    PageSession browser = PageSession.loggedIn(api, users.user().email(), TestUsers.PASSWORD);
    assertStyledPage(browser.get("/no/such/page"), 404);
    assertStyledPage(browser.get("/account/nothing"), 404);
  }

  @Test
  void aKnownPageStillSendsVisitorsToTheLoginPageAndRefusesUsersWithoutRights() {
    HttpResponse<String> anonymous = api.get("/account/security");
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");

    PageSession browser = PageSession.loggedIn(api, users.user().email(), TestUsers.PASSWORD);
    assertStyledPage(browser.get("/admin/users"), 403);
    assertStyledPage(browser.get("/admin"), 403);
    assertStyledPage(browser.get("/admin/tokens"), 403);
  }

  @Test
  void theErrorPathIsNotAPage() {
    assertStyledPage(api.get("/error", "Accept", "text/html"), 404);
    HttpResponse<String> json = api.get("/error", "Accept", "application/json");
    assertThat(json.statusCode()).isEqualTo(404);
    PageSession browser = PageSession.loggedIn(api, users.user().email(), TestUsers.PASSWORD);
    assertStyledPage(browser.get("/error"), 404);
  }

  @Test
  void apiPathsAnswerJsonWhateverAcceptSays() {
    for (String accept : new String[] {"text/html", "image/png", "text/html,application/xhtml+xml;q=0.9"}) {
      HttpResponse<String> missing = api.get("/api/records/nope", "Accept", accept);
      assertThat(missing.statusCode()).as(accept).isEqualTo(404);
      assertThat(missing.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
      assertThat(json(missing).path("message").asString()).isNotBlank();

      HttpResponse<String> unknown = api.get("/api/no/such", "Accept", accept);
      assertThat(unknown.headers().firstValue("Content-Type").orElse("")).as(accept).startsWith("application/json");
      assertThat(json(unknown).path("status").asInt()).isEqualTo(unknown.statusCode());

      HttpResponse<String> list = api.get("/api/records/?size=1", "Accept", accept);
      assertThat(list.statusCode()).as(accept).isEqualTo(200);
      assertThat(list.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    }
  }

  @Test
  void firewallRefusalsUseTheSiteLayout() throws IOException {
    for (String path : new String[] {"/records/..%2fx", "/records/%2e%2e/x", "/records;x=1/"}) {
      String response = exchange("GET " + path + " HTTP/1.1\r\nHost: localhost\r\nAccept: text/html\r\n"
          + "Connection: close\r\n\r\n");
      assertThat(response).as(path).startsWith("HTTP/1.1 400").contains(LAYOUT).contains("strongroom.css")
          .contains("<h1>400</h1>").containsPattern(Pattern.compile("(?i)content-security-policy: default-src 'none'"))
          .doesNotContain("Exception");
    }
  }

  /** Every page with a form, for a signed-in superuser in sudo mode; {@code {id}} is one of their records. */
  static final String[] FORM_PAGES = {"/account/settings/applications", "/account/security", "/logout",
      "/account/security/passkeys", "/records/new", "/records/{id}", "/records/{id}/edit", "/admin/users",
      "/admin/tokens", "/admin/rate-limits", "/admin/audit", "/records/"};

  PageSession superuserInSudo() {
    PageSession admin = PageSession.loggedIn(api, users.superuser().email(), TestUsers.PASSWORD);
    HttpResponse<String> confirmed = admin.postForm("/account/sudo", java.util.Map.of("password", TestUsers.PASSWORD,
        "next", "/admin"), PageSession.csrfField(admin.get("/account/sudo?next=/admin").body()));
    assertThat(confirmed.statusCode()).isEqualTo(302);
    return admin;
  }

  String recordOf(PageSession owner) {
    String form = owner.get("/records/new").body();
    HttpResponse<String> saved = owner.postForm("/records/new", java.util.Map.of("title", "Forms", "access", "public",
        "action", "save"), PageSession.csrfField(form));
    String location = saved.headers().firstValue("Location").orElseThrow();
    return location.substring(location.lastIndexOf('/') + 1);
  }

  @Test
  void formsCarryOneCsrfFieldAndRevokeAsksFirst() {
    TestUsers.User user = users.user();
    PageSession browser = PageSession.loggedIn(api, user.email(), TestUsers.PASSWORD);
    PageSession admin = superuserInSudo();
    String id = recordOf(admin);
    for (String path : FORM_PAGES) {
      HttpResponse<String> page = admin.get(path.replace("{id}", id));
      assertThat(page.statusCode()).as(path).isEqualTo(200);
      String body = page.body();
      long forms = body.split("<form", -1).length - 1;
      long fields = body.split("name=\"csrf_token\"", -1).length - 1;
      long postForms = body.split("<form[^>]*method=\"post\"", -1).length - 1;
      assertThat(fields).as(path).isEqualTo(postForms);
      assertThat(forms).as(path).isGreaterThan(0);
    }
    String sudo = PageSession.loggedIn(api, users.superuser().email(), TestUsers.PASSWORD).get("/account/sudo").body();
    assertThat(sudo.split("name=\"csrf_token\"", -1).length - 1).isEqualTo(1);
    String login = new PageSession(api).get("/login").body();
    assertThat(login.split("name=\"csrf_token\"", -1).length - 1).isEqualTo(1);

    users.token(user.email(), java.util.Set.of(org.strongroom.core.Scope.RECORDS_READ));
    String tokens = browser.get("/account/settings/applications").body();
    assertThat(tokens).containsPattern("<form[^>]*data-confirm=\"Revoke the token [^\"]+\\?");
  }

  @Test
  void servedPagesCarryNoTemplateComments() {
    TestUsers.User user = users.user();
    PageSession browser = PageSession.loggedIn(api, user.email(), TestUsers.PASSWORD);
    for (String path : new String[] {"/", "/records/", "/account/profile", "/account/security",
        "/account/settings/applications", "/login", "/no/such", "/admin"}) {
      assertThat(browser.get(path).body()).as(path).doesNotContain("<!--");
    }
    PageSession admin = superuserInSudo();
    String id = recordOf(admin);
    for (String path : FORM_PAGES) {
      assertThat(admin.get(path.replace("{id}", id)).body()).as(path).doesNotContain("<!--");
    }
    assertThat(admin.get("/records/?q=forms").body()).doesNotContain("<!--");
    assertThat(new PageSession(api).get("/records/" + id).body()).doesNotContain("<!--");
  }

  @Test
  void theNavigationLeadsToTheAccountPagesAndAdministrationForSuperusers() {
    PageSession user = PageSession.loggedIn(api, users.user().email(), TestUsers.PASSWORD);
    String page = user.get("/").body();
    assertThat(page).contains("href=\"/account/profile\"").contains("href=\"/account/security\"")
        .contains("href=\"/account/settings/applications\"").doesNotContain("href=\"/admin\"");
    assertThat(user.get("/account/profile").statusCode()).isEqualTo(200);

    PageSession admin = PageSession.loggedIn(api, users.superuser().email(), TestUsers.PASSWORD);
    assertThat(admin.get("/").body()).contains("href=\"/admin\"");
  }

  private String exchange(String request) throws IOException {
    try (SSLSocket socket = api.rawSocket()) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
