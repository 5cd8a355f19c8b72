package org.strongroom.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.strongroom.support.ApiClient;
import org.strongroom.support.PageSession;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;

/**
 * {@code /account/settings/applications} and {@code /admin/tokens}: a token is shown once, a
 * user sees and revokes only their own, forms need the CSRF field, the admin page and the
 * admin scope are for superusers only.
 */
@IntegrationTest
class TokenPagesIntegrationTests {

  private static final String PAGE = "/account/settings/applications";
  private static final Pattern NEW_TOKEN = Pattern.compile("id=\"new-token\"[^>]*value=\"(sr_[0-9A-Za-z]+)\"");

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired AccessTokens tokens;

  private static String csrf(PageSession browser) {
    return PageSession.csrfField(browser.get(PAGE).body());
  }

  private static HttpResponse<String> create(PageSession browser, String name, String scopes) {
    return browser.postRaw(PAGE, PageSession.encode(Map.of("name", name, "expires", "30d", "csrf_token", csrf(browser)))
        + scopes);
  }

  private String tokenId(TestUsers.User owner, String name) {
    return tokens.list(Optional.of(owner.email())).stream().filter(t -> t.name().equals(name))
        .findFirst().orElseThrow().id();
  }

  @Test
  void theApplicationsPageNeedsASignedInUser() {
    HttpResponse<String> anonymous = api.get(PAGE);
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location").orElse("")).endsWith("/login");
    assertThat(api.post(PAGE, "{}").statusCode()).isIn(302, 403);
    // A Bearer token is for the API, not for the pages.
    assertThat(api.get(PAGE, bearer(users.user().token())).statusCode()).isEqualTo(302);
  }

  @Test
  void aNewTokenIsShownOnceAndWorks() {
    TestUsers.User alice = users.user();
    PageSession browser = PageSession.loggedIn(api, alice.email(), TestUsers.PASSWORD);
    HttpResponse<String> created = create(browser, "laptop script", "&scopes=records%3Aread&allowed_ips=127.0.0.0%2F8%0A%3A%3A1%2F128");
    assertThat(created.statusCode()).isEqualTo(200);
    assertThat(created.headers().firstValue("Cache-Control").orElse("")).contains("no-store");
    Matcher shown = NEW_TOKEN.matcher(created.body());
    assertThat(shown.find()).as(created.body()).isTrue();
    String token = shown.group(1);
    assertThat(created.body()).contains("id=\"copy-token\"").contains("src=\"/js/copy-token.js\"")
        .doesNotContainPattern("<script(?![^>]*\\ssrc=)[^>]*>");

    Matcher nonce = Pattern.compile("<script(?=[^>]*src=\"/js/copy-token.js\")[^>]*\snonce=\"([^\"]+)\"")
        .matcher(created.body());
    assertThat(nonce.find()).as("the copy script carries the page's CSP nonce").isTrue();
    assertThat(created.headers().firstValue("Content-Security-Policy").orElse(""))
        .contains("'nonce-" + nonce.group(1) + "'").doesNotContain("unsafe-inline");

    assertThat(api.get("/api/records/", bearer(token)).statusCode()).isEqualTo(200);
    assertThat(api.post("/api/records/", "{\"metadata\": {\"title\": \"T\"}, \"access\": {\"record\": \"public\"}}",
        bearer(token)).statusCode()).isEqualTo(403);

    HttpResponse<String> again = browser.get(PAGE);
    assertThat(again.body()).contains("laptop script").contains("127.0.0.0/8, ::1/128")
        .doesNotContain(token).doesNotContain(token.substring(3, 43)).doesNotContain("new-token");
    assertThat(api.get("/js/copy-token.js").statusCode()).isEqualTo(200);
  }

  @Test
  void formsWithoutTheCsrfFieldChangeNothing() {
    TestUsers.User alice = users.user();
    PageSession browser = PageSession.loggedIn(api, alice.email(), TestUsers.PASSWORD);
    HttpResponse<String> refused = browser.postRaw(PAGE, PageSession.encode(Map.of("name", "csrf", "scopes", "records:read")));
    assertThat(refused.statusCode()).isEqualTo(403);
    HttpResponse<String> wrong = browser.postRaw(PAGE, PageSession.encode(
        Map.of("name", "csrf", "scopes", "records:read", "csrf_token", "forged")));
    assertThat(wrong.statusCode()).isEqualTo(403);
    String id = tokenId(alice, "test");
    assertThat(browser.postRaw(PAGE + "/" + id + "/revoke", "").statusCode()).isEqualTo(403);
    assertThat(tokens.list(Optional.of(alice.email()))).extracting(TokenInfo::name).containsExactly("test");
    assertThat(api.get("/api/records/", bearer(alice.token())).statusCode()).isEqualTo(200);
  }

  @Test
  void aUserRevokesTheirOwnTokenAndNobodyElses() {
    TestUsers.User alice = users.user();
    TestUsers.User bob = users.user();
    PageSession browser = PageSession.loggedIn(api, alice.email(), TestUsers.PASSWORD);
    assertThat(browser.get(PAGE).body()).doesNotContain(bob.email()).doesNotContain("<th>Owner</th>")
        .contains("action=\"" + PAGE + "/" + tokenId(alice, "test") + "/revoke\"");

    HttpResponse<String> others = browser.postForm(PAGE + "/" + tokenId(bob, "test") + "/revoke", Map.of(), csrf(browser));
    assertThat(others.statusCode()).isEqualTo(404);
    assertThat(api.get("/api/records/", bearer(bob.token())).statusCode()).isEqualTo(200);

    HttpResponse<String> own = browser.postForm(PAGE + "/" + tokenId(alice, "test") + "/revoke", Map.of(), csrf(browser));
    assertThat(own.statusCode()).isEqualTo(302);
    // The page model (the signed-in user's address) must never ride along in a redirect URL.
    assertThat(own.headers().firstValue("Location").orElseThrow()).endsWith(":" + api.port() + PAGE);
    assertThat(api.get("/api/records/", bearer(alice.token())).statusCode()).isEqualTo(401);
    assertThat(browser.get(PAGE).body()).contains("revoked")
        .contains("class=\"who\" href=\"/account/profile\">" + alice.email() + "<");
    assertThat(new PageSession(api).get("/").body()).contains("Log in").doesNotContain("class=\"who\"");
  }

  @Test
  void onlySuperusersMayCreateAdminTokens() {
    TestUsers.User alice = users.user();
    PageSession browser = PageSession.loggedIn(api, alice.email(), TestUsers.PASSWORD);
    assertThat(browser.get(PAGE).body()).doesNotContain("value=\"admin\"");
    HttpResponse<String> escalation = create(browser, "escalate", "&scopes=admin&scopes=records%3Aread");
    assertThat(escalation.statusCode()).isEqualTo(403);
    assertThat(NEW_TOKEN.matcher(escalation.body()).find()).isFalse();
    assertThat(tokens.list(Optional.of(alice.email()))).extracting(TokenInfo::name).containsExactly("test");

    TestUsers.User root = users.superuser();
    PageSession rootBrowser = PageSession.loggedIn(api, root.email(), TestUsers.PASSWORD);
    assertThat(rootBrowser.get(PAGE).body()).contains("value=\"admin\"");
    HttpResponse<String> admin = create(rootBrowser, "admin script", "&scopes=admin");
    assertThat(admin.statusCode()).isEqualTo(200);
    assertThat(NEW_TOKEN.matcher(admin.body()).find()).isTrue();
  }

  @Test
  void badInputIsShownOnThePageAndCreatesNothing() {
    TestUsers.User alice = users.user();
    PageSession browser = PageSession.loggedIn(api, alice.email(), TestUsers.PASSWORD);
    for (String extra : List.of("&scopes=records%3Aread&allowed_ips=example.org", "&scopes=nonsense", "",
        "&scopes=records%3Aread&expires=never")) {
      HttpResponse<String> response = browser.postRaw(PAGE, PageSession.encode(Map.of("name", "bad",
          "csrf_token", csrf(browser))) + extra);
      assertThat(response.statusCode()).as(extra).isEqualTo(400);
      assertThat(response.body()).contains("class=\"error\"").doesNotContain("Exception");
    }
    assertThat(tokens.list(Optional.of(alice.email()))).extracting(TokenInfo::name).containsExactly("test");
  }

  @Test
  void theAdminPageListsEveryTokenForSuperusersOnly() {
    TestUsers.User alice = users.user();
    PageSession aliceBrowser = PageSession.loggedIn(api, alice.email(), TestUsers.PASSWORD);
    assertThat(aliceBrowser.get("/admin/tokens").statusCode()).isEqualTo(403);
    assertThat(aliceBrowser.postForm("/admin/tokens/" + tokenId(alice, "test") + "/revoke", Map.of(),
        csrf(aliceBrowser)).statusCode()).isEqualTo(403);
    assertThat(api.get("/admin/tokens").statusCode()).isEqualTo(302);

    TestUsers.User root = users.superuser();
    // A superuser's Bearer token does not open the admin pages either: they are session-only.
    assertThat(api.get("/admin/tokens", bearer(root.token())).statusCode()).isEqualTo(302);
    PageSession rootBrowser = PageSession.loggedIn(api, root.email(), TestUsers.PASSWORD);
    // Sudo mode: a superuser's session re-confirms the password first.
    HttpResponse<String> ask = rootBrowser.get("/admin/tokens");
    assertThat(ask.statusCode()).isEqualTo(302);
    assertThat(ask.headers().firstValue("Location").orElse("")).contains("/account/sudo");
    assertThat(rootBrowser.postForm("/account/sudo", Map.of("password", TestUsers.PASSWORD, "next", "/admin/tokens"),
        PageSession.csrfField(rootBrowser.get("/account/sudo?next=/admin/tokens").body())).statusCode()).isEqualTo(302);
    HttpResponse<String> all = rootBrowser.get("/admin/tokens");
    assertThat(all.statusCode()).isEqualTo(200);
    assertThat(all.body()).contains(alice.email()).contains(root.email()).doesNotContain(alice.token())
        .contains("<th>Owner</th>").contains("action=\"/admin/tokens/" + tokenId(alice, "test") + "/revoke\"");

    String csrf = PageSession.csrfField(all.body());
    assertThat(rootBrowser.postForm("/admin/tokens/" + tokenId(alice, "test") + "/revoke", Map.of(), csrf)
        .statusCode()).isEqualTo(302);
    assertThat(api.get("/api/records/", bearer(alice.token())).statusCode()).isEqualTo(401);
  }
}
