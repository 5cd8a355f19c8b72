package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;

/** The HTML pages: home, list, detail, and Markdown that tries to run script. */
@IntegrationTest
class RecordPagesIntegrationTests {

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  String create(TestUsers.User owner, String title, String description, String access) {
    String body = "{\"metadata\": {\"title\": " + ApiClient.toJson(title) + ", \"description\": "
        + ApiClient.toJson(description) + ", \"contributors\": [{\"name\": \"Søren Ø\"}]}, \"access\": {\"record\": \""
        + access + "\"}}";
    HttpResponse<String> response = api.post("/api/records/", body, bearer(owner.token()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).path("id").asString();
  }

  @Test
  void homePageHasASearchBox() {
    HttpResponse<String> home = api.get("/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(home.body()).contains("<form class=\"search\"").contains("name=\"q\"");
  }

  /** Pages answer HEAD as they answer GET, headers and all, without the body. */
  @Test
  void pagesAnswerHeadAsGetWithoutTheBody() {
    TestUsers.User alice = users.user();
    String id = create(alice, "A page asked with HEAD", "", "public");
    for (String path : new String[] {"/", "/records/", "/records/" + id, "/login"}) {
      HttpResponse<String> get = api.get(path);
      HttpResponse<String> head = api.head(path);
      assertThat(head.statusCode()).as(path).isEqualTo(get.statusCode()).isEqualTo(200);
      assertThat(head.body()).as(path).isEmpty();
      assertThat(head.headers().firstValue("Content-Type")).as(path).isEqualTo(get.headers().firstValue("Content-Type"));
      assertThat(head.headers().firstValue("Content-Security-Policy")).as(path).isPresent();
    }
    // A page for signed-in users refuses HEAD as it refuses GET.
    assertThat(api.head("/account/security").statusCode()).isEqualTo(api.get("/account/security").statusCode());
  }

  @Test
  void listSearchesAndPages() {
    TestUsers.User alice = users.user();
    String marker = "pagelist" + System.nanoTime();
    for (int i = 0; i < 12; i++) {
      create(alice, "Record " + i + " " + marker, "", "public");
    }
    HttpResponse<String> first = api.get("/records/?q=" + marker);
    assertThat(first.statusCode()).isEqualTo(200);
    assertThat(first.body()).contains("12</span> records").contains("page=2");
    HttpResponse<String> second = api.get("/records/?q=" + marker + "&page=2");
    assertThat(second.body()).contains("page=1").doesNotContain("page=3");
  }

  @Test
  void markdownIsRenderedAndScriptsAreRemoved() {
    TestUsers.User alice = users.user();
    String id = create(alice, "<script>alert('title')</script>",
        "**bold** [ok](https://example.org) <script>alert(1)</script> <img src=x onerror=alert(2)>"
            + " [js](javascript:alert(3)) <iframe src=https://evil.example></iframe>", "public");
    HttpResponse<String> page = api.get("/records/" + id);
    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("<strong>bold</strong>").contains("href=\"https://example.org\"")
        .contains("&lt;script&gt;alert(&#39;title&#39;)&lt;/script&gt;")
        .doesNotContain("<script>alert").doesNotContainPattern("<[^>]*onerror").doesNotContain("javascript:")
        .doesNotContain("<iframe").doesNotContain("<img").contains("Søren Ø");
  }

  @Test
  void restrictedAndMissingRecordsGetAnHtmlNotFoundPage() {
    TestUsers.User alice = users.user();
    String id = create(alice, "Private page", "", "restricted");
    HttpResponse<String> hidden = api.get("/records/" + id);
    assertThat(hidden.statusCode()).isEqualTo(404);
    assertThat(hidden.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
    assertThat(hidden.body()).doesNotContain("Private page");
    assertThat(api.get("/records/nope").statusCode()).isEqualTo(404);
    // Unknown paths are a 404 too, not a redirect to the login page.
    HttpResponse<String> unknown = api.get("/no/such/page");
    assertThat(unknown.statusCode()).isEqualTo(404);
    assertThat(unknown.headers().firstValue("Location")).isEmpty();
  }

  @Test
  void badPageParametersGetAnHtml400() {
    HttpResponse<String> response = api.get("/records/?sort=bogus");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("text/html");
  }

  @Test
  void pagesLoadNoExternalResources() {
    HttpResponse<String> home = api.get("/records/");
    assertThat(home.body()).doesNotContain("http://").doesNotContainPattern("(src|href)=\"https?://");
  }
}
