package org.strongroom.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.net.URLEncoder;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Known advisories of the systems Strongroom replaces (Invenio, InvenTree), each replayed
 * against the real server over HTTPS and refused. One test per advisory class; the comment on
 * each names the advisory it replays.
 */
@IntegrationTest
@TestPropertySource(properties = {"strongroom.rate-limits.enabled=false",
    "strongroom.storage.local.path=target/test-files/advisories-${random.uuid}"})
class AdvisoryReplayIntegrationTests {

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  /**
   * Invenio CVE-2019-1020006 (invenio-app): the Host header was trusted when
   * building links, so a forged Host poisoned password-reset and redirect URLs. Here an
   * untrusted Host is refused before anything else, and with no trusted proxy a forged
   * X-Forwarded-Host never reaches a link.
   */
  @Test
  void hostHeaderInjectionCve2019_1020006() throws Exception {
    HttpResponse<String> forged = ApiClient.http11().send(api.request("/login").header("Host", "evil.io").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(forged.statusCode()).isEqualTo(400);
    assertThat(forged.body()).isEqualTo("{\"message\":\"Host \\\"evil.io\\\" is not trusted\",\"status\":400}");

    TestUsers.User alice = users.user();
    HttpResponse<String> created = api.post("/api/records/", "{\"metadata\": {\"title\": \"Links\"}}",
        "Authorization", "Bearer " + alice.token(), "X-Forwarded-Host", "evil.io", "X-Forwarded-Proto", "http");
    assertThat(created.statusCode()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location").orElseThrow()).startsWith(api.baseUrl() + "/api/records/");
    assertThat(created.body()).doesNotContain("evil.io").contains(api.baseUrl() + "/api/records/");
  }

  /**
   * Invenio CVE-2021-43781 (invenio-drafts-resources): another user could
   * read a draft (unpublished record) by its id. Here a restricted record is invisible to
   * everyone but its owner and superusers, as 404 (not 403), for every method, and is missing
   * from lists and totals.
   */
  @Test
  void draftIdorCve2021_43781() {
    TestUsers.User owner = users.user();
    TestUsers.User other = users.user();
    String title = "Draft " + System.nanoTime();
    String id = create(owner, title, "", "restricted");

    for (String[] who : new String[][] {bearer(other.token()), new String[0]}) {
      assertThat(api.get("/api/records/" + id, who).statusCode()).isEqualTo(404);
      assertThat(api.get("/api/records/" + id + "/files", who).statusCode()).isEqualTo(404);
      assertThat(api.get("/records/" + id, who).statusCode()).isEqualTo(404);
      HttpResponse<String> list = api.get("/api/records/?q=" + enc(title), who);
      assertThat(json(list).path("hits").path("total").asLong()).isZero();
    }
    assertThat(api.put("/api/records/" + id, "{\"metadata\": {\"title\": \"mine now\"}}",
        "Authorization", "Bearer " + other.token(), "If-Match", "W/\"1\"").statusCode()).isEqualTo(404);
    assertThat(api.delete("/api/records/" + id, bearer(other.token())).statusCode()).isEqualTo(404);
    assertThat(json(api.get("/api/records/" + id, bearer(owner.token()))).path("metadata").path("title").asString())
        .isEqualTo(title);
  }

  /**
   * Invenio's record-page XSS advisories (invenio-records, invenio-app-rdm: metadata rendered
   * unescaped) and InvenTree's stored XSS through Markdown notes: metadata reaches the record
   * page escaped, and the Markdown description is sanitised: no script, no event handler, no
   * javascript: link, no SVG.
   */
  @Test
  void recordPageAndMarkdownXss() {
    TestUsers.User alice = users.user();
    String id = create(alice, "<script>window.pwned=1</script>",
        "<img src=x onerror=\"window.pwned=1\"> <svg onload=\"window.pwned=1\"></svg> [click](javascript:window.pwned=1) "
            + "<a href=\"javascript:window.pwned=1\">a</a> <iframe src=\"https://evil.io\"></iframe>", "public");

    HttpResponse<String> page = api.get("/records/" + id);
    assertThat(page.statusCode()).isEqualTo(200);
    String body = page.body();
    assertThat(body).contains("&lt;script&gt;window.pwned=1&lt;/script&gt;")
        .doesNotContain("<script>window.pwned", "onerror=", "onload=", "<svg", "<iframe", "<img");
    // The hostile parts may stay as escaped text; never as a link or tag.
    assertThat(body).doesNotContainPattern("(?i)href=\"\\s*javascript:");
  }

  /**
   * Invenio's previewer XSS advisories (invenio-previewer: uploaded files rendered in the page) and InvenTree CVE-2022-2111
   * (unrestricted upload of HTML/SVG attachments executed on the application origin): an
   * uploaded HTML or SVG file, whatever type it claims, is served as inert bytes: not as HTML or
   * SVG, as an attachment, sandboxed by CSP, with nosniff.
   */
  @Test
  void dangerousUploadAndPreviewerXssCve2022_2111() {
    TestUsers.User alice = users.user();
    String id = create(alice, "Attachments", "", "public");
    String[][] files = {
        {"invoice.html", "text/html", "<html><body><script>window.pwned=1</script></body></html>"},
        {"logo.svg", "image/svg+xml", "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"window.pwned=1\"/>"},
        {"picture.png", "image/png", "<html><script>window.pwned=1</script></html>"}};
    for (String[] file : files) {
      HttpResponse<String> uploaded = api.send(api.request("/api/records/" + id + "/files/" + file[0])
          .header("Authorization", "Bearer " + alice.token()).header("Content-Type", file[1])
          .PUT(HttpRequest.BodyPublishers.ofString(file[2])).build());
      assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);

      HttpResponse<String> served = api.get("/api/records/" + id + "/files/" + file[0] + "/content");
      assertThat(served.statusCode()).isEqualTo(200);
      assertThat(served.headers().firstValue("Content-Type").orElseThrow())
          .doesNotContainIgnoringCase("html").doesNotContainIgnoringCase("svg").doesNotContainIgnoringCase("xml");
      assertThat(served.headers().firstValue("Content-Disposition").orElseThrow()).startsWith("attachment;");
      assertThat(served.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
      assertThat(served.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    }
    HttpResponse<String> traversal = api.send(api.request("/api/records/" + id + "/files/..%5C..%5Cstrongroom.yml")
        .header("Authorization", "Bearer " + alice.token()).PUT(HttpRequest.BodyPublishers.ofString("x")).build());
    assertThat(traversal.statusCode()).isEqualTo(400);
  }

  /**
   * InvenTree's server-side template injection advisories (report and label templates
   * evaluating user-supplied text): template syntax in record metadata is shown as text on the
   * record page, never evaluated.
   */
  @Test
  void templateInjectionIsInert() {
    TestUsers.User alice = users.user();
    String id = create(alice, "[[${7*7}]] ${7*7} __${7*7}__ {{7*7}}",
        "[(${T(java.lang.Runtime).getRuntime().availableProcessors()})] #{7*7} *{7*7}", "public");

    String body = api.get("/records/" + id).body();
    assertThat(body).contains("[[${7*7}]] ${7*7} __${7*7}__ {{7*7}}").doesNotContain("49");
    assertThat(body).contains("T(java.lang.Runtime)");
  }

  /**
   * InvenTree ORM filter injection (CVE-2026-33530: user-chosen ordering and filter fields let a
   * caller sort or filter on fields such as password hashes or owners). Here sort takes only the
   * three named orders, and query parameters that name fields are not filters.
   */
  @Test
  void ormFilterInjectionCve2026_33530() {
    TestUsers.User owner = users.user();
    TestUsers.User other = users.user();
    create(owner, "Hidden by owner " + System.nanoTime(), "", "restricted");
    for (String sort : new String[] {"password", "-owner_id", "title;DROP TABLE records", "owner__password",
        "title,owner_id", "TITLE"}) {
      HttpResponse<String> response = api.get("/api/records/?sort=" + enc(sort), bearer(other.token()));
      assertThat(response.statusCode()).as(sort).isEqualTo(400);
      assertThat(json(response).path("message").asString()).isEqualTo("Invalid sort; use mostrecent, bestmatch or title");
    }
    long visible = json(api.get("/api/records/?size=100", bearer(other.token()))).path("hits").path("total").asLong();
    for (String filter : new String[] {"owner=" + owner.id(), "owner_id=" + owner.id(), "access=restricted",
        "access.record=restricted", "q=' OR '1'='1", "q=%25", "q=title:*"}) {
      HttpResponse<String> response = api.get("/api/records/?size=100&" + filter.replace("'", "%27").replace(" ", "+"),
          bearer(other.token()));
      assertThat(response.statusCode()).as(filter).isIn(200, 400);
      if (response.statusCode() == 200) {
        JsonNode hits = json(response).path("hits");
        assertThat(hits.path("total").asLong()).as(filter).isLessThanOrEqualTo(visible);
        hits.path("hits").forEach(hit -> assertThat(hit.path("access").path("record").asString()).isEqualTo("public"));
      }
    }
  }

  /**
   * InvenTree IDORs and missing authorisation (CVE-2026-61744 to CVE-2026-61748: attachments,
   * records and admin functions reachable by id without an object or role check). Here another
   * user can neither read a restricted record's files, nor add, replace or delete files on a
   * public record they do not own, nor reach the admin API, nor revoke someone else's token.
   */
  @Test
  void idorsAndMissingAuthorisationCve2026_61744to61748() {
    TestUsers.User owner = users.user();
    TestUsers.User other = users.user();
    String hidden = create(owner, "Restricted with a file", "", "restricted");
    String open = create(owner, "Public with a file", "", "public");
    for (String id : new String[] {hidden, open}) {
      assertThat(putFile(owner, id, "data.txt", "the owner's bytes").statusCode()).isEqualTo(201);
    }
    assertThat(api.get("/api/records/" + hidden + "/files/data.txt/content", bearer(other.token())).statusCode())
        .isEqualTo(404);
    assertThat(putFile(other, open, "data.txt", "replaced").statusCode()).isIn(403, 404);
    assertThat(putFile(other, open, "added.txt", "added").statusCode()).isIn(403, 404);
    assertThat(api.delete("/api/records/" + open + "/files/data.txt", bearer(other.token())).statusCode()).isIn(403, 404);
    assertThat(api.get("/api/records/" + open + "/files/data.txt/content").body()).isEqualTo("the owner's bytes");
    assertThat(api.get("/api/records/" + open + "/files/added.txt/content").statusCode()).isEqualTo(404);

    HttpResponse<String> admin = api.get("/api/admin/rate-limits/" + owner.id(), bearer(other.token()));
    assertThat(admin.statusCode()).isEqualTo(403);
    assertThat(json(admin).path("status").asInt()).isEqualTo(403);
    assertThat(api.delete("/api/admin/rate-limits/" + owner.id(), bearer(other.token())).statusCode()).isEqualTo(403);
    assertThat(api.get("/api/records/" + open, bearer(owner.token())).statusCode()).isEqualTo(200);
    assertThat(api.get("/api/me", bearer(owner.token())).statusCode()).isEqualTo(200);
  }

  /**
   * InvenTree unbounded-parameter denial of service (CVE-2025-49000: a huge limit/offset made the
   * server build an enormous query). Here page and size are bounded (size capped at 100, page ×
   * size within the first 10,000 hits), numbers that do not fit are 400, and a query is limited in
   * length and words, all answered at once.
   */
  @Test
  void unboundedParametersCve2025_49000() {
    TestUsers.User alice = users.user();
    String[] token = bearer(alice.token());
    HttpResponse<String> capped = api.get("/api/records/?size=1000000", token);
    assertThat(capped.statusCode()).isEqualTo(200);
    assertThat(json(capped).path("hits").path("hits").size()).isLessThanOrEqualTo(100);
    for (String query : new String[] {"page=101&size=100", "page=2147483647", "size=99999999999999999999",
        "page=-1", "size=0", "page=1e9", "q=" + "a".repeat(501), "q=" + "a+".repeat(21)}) {
      long started = System.nanoTime();
      HttpResponse<String> response = api.get("/api/records/?" + query, token);
      assertThat(response.statusCode()).as(query).isEqualTo(400);
      assertThat(json(response).path("status").asInt()).isEqualTo(400);
      assertThat((System.nanoTime() - started) / 1_000_000).as("ms for %s", query).isLessThan(5_000);
    }
  }

  private String create(TestUsers.User owner, String title, String description, String access) {
    String body = "{\"metadata\": {\"title\": " + ApiClient.toJson(title) + ", \"description\": "
        + ApiClient.toJson(description) + "}, \"access\": {\"record\": \"" + access + "\"}}";
    HttpResponse<String> response = api.post("/api/records/", body, bearer(owner.token()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).path("id").asString();
  }

  private HttpResponse<String> putFile(TestUsers.User user, String id, String key, String content) {
    return api.send(api.request("/api/records/" + id + "/files/" + key)
        .header("Authorization", "Bearer " + user.token()).PUT(HttpRequest.BodyPublishers.ofString(content)).build());
  }

  private static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
