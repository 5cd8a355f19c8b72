package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;

/** The search page: facets as filter links, and matched words marked without letting markup in. */
@IntegrationTest
class SearchPageIntegrationTests {

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  final String marker = "pg" + Long.toString(System.nanoTime(), 36);

  void create(TestUsers.User owner, String title, String description, String keyword, String access) {
    String body = "{\"metadata\": {\"title\": " + ApiClient.toJson(title) + ", \"description\": "
        + ApiClient.toJson(description) + ", \"keywords\": [\"" + keyword + "\", \"" + marker + "\"],"
        + " \"resource_type\": \"dataset\"}, \"access\": {\"record\": \"" + access + "\"}}";
    HttpResponse<String> response = api.post("/api/records/", body, bearer(owner.token()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  @Test
  void matchedWordsAreMarkedAndMarkupStaysText() {
    TestUsers.User alice = users.user();
    create(alice, "<script>alert(1)</script> Ocean <img src=x onerror=alert(2)> " + marker,
        "Heat of the <b onmouseover=alert(3)>ocean</b> and more.", "probe", "public");
    String q = marker + " ocean script <mark>x</mark>\"><svg/onload=alert(4)>";
    HttpResponse<String> page = api.get("/records/?q=" + encode(marker + " ocean script onerror"));
    assertThat(page.statusCode()).as(page.body()).isEqualTo(200);
    assertThat(page.body())
        .contains("&lt;<mark>script</mark>&gt;alert(1)&lt;/<mark>script</mark>&gt; <mark>Ocean</mark>")
        .contains("&lt;b onmouseover=alert(3)&gt;<mark>ocean</mark>&lt;/b&gt;")
        .doesNotContain("<script>alert").doesNotContainPattern("<img").doesNotContainPattern("<b onmouseover");

    // The query itself: a phrase keeps everything it holds as text, in the search box too.
    HttpResponse<String> probe = api.get("/records/?q=" + encode(q.replace("\">", " ")));
    assertThat(probe.statusCode()).as(probe.body()).isEqualTo(200);
    assertThat(probe.body()).doesNotContain("<svg").doesNotContain("<mark>x</mark>")
        .contains("&lt;mark&gt;x&lt;/mark&gt;");
    HttpResponse<String> unparsable = api.get("/records/?q=" + encode("\"<script>alert(5)</script>"));
    assertThat(unparsable.statusCode()).isEqualTo(400);
    assertThat(unparsable.body()).doesNotContain("<script>alert(5)");
  }

  @Test
  void facetsAreFilterLinksCountingOnlyWhatTheVisitorMaySee() {
    TestUsers.User alice = users.user();
    create(alice, "First " + marker, "", "ocean", "public");
    create(alice, "Second " + marker, "", "ocean", "public");
    create(alice, "Third " + marker, "", "secretkw", "restricted");

    HttpResponse<String> anonymous = api.get("/records/?q=" + marker);
    assertThat(anonymous.body()).contains("class=\"facets\"")
        .containsPattern("href=\"/records/\\?q=" + marker + "&amp;sort=bestmatch&amp;keyword=ocean\"[^>]*>\\s*"
            + "<span>ocean</span> <span class=\"count\">2</span>")
        .doesNotContain("secretkw").contains("2</span> records");
    HttpResponse<String> owner = api.get("/records/?q=" + marker, "Authorization", "Bearer " + alice.token());
    // Pages use the session, not tokens: the owner's view is checked through the API contract.
    assertThat(owner.statusCode()).isIn(200, 401);

    HttpResponse<String> filtered = api.get("/records/?q=" + marker + "&keyword=ocean&type=dataset");
    assertThat(filtered.statusCode()).isEqualTo(200);
    assertThat(filtered.body()).contains("2</span> records").contains("class=\"active-filters\"")
        .contains("aria-current=\"true\"").doesNotContain("aria-pressed");
  }
}
