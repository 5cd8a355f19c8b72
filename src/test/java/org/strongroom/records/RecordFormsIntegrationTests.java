package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.PageSession;
import org.strongroom.support.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Deposit and edit from the pages: every schema field, validation errors beside their fields
 * with the values kept, a stale edit that keeps what was typed, delete to a 410 tombstone,
 * visibility, and owner actions shown only to those allowed.
 */
@IntegrationTest
class RecordFormsIntegrationTests {

  private static final Pattern LOCATION_ID = Pattern.compile("/records/([a-z0-9-]+)$");

  @Autowired ApiClient api;
  @Autowired TestUsers users;

  /** A form body; repeated names are allowed (contributor rows). */
  private static String form(String csrf, String... pairs) {
    List<String> parts = new ArrayList<>();
    for (int i = 0; i < pairs.length; i += 2) {
      parts.add(URLEncoder.encode(pairs[i], StandardCharsets.UTF_8) + "="
          + URLEncoder.encode(pairs[i + 1], StandardCharsets.UTF_8));
    }
    parts.add("csrf_token=" + URLEncoder.encode(csrf, StandardCharsets.UTF_8));
    return String.join("&", parts);
  }

  private static String csrf(PageSession browser, String path) {
    HttpResponse<String> page = browser.get(path);
    assertThat(page.statusCode()).as(path).isEqualTo(200);
    return PageSession.csrfField(page.body());
  }

  private String deposit(PageSession browser, String title, String access) {
    HttpResponse<String> saved = browser.postRaw("/records/new", form(csrf(browser, "/records/new"),
        "title", title, "access", access, "action", "save"));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    Matcher id = LOCATION_ID.matcher(saved.headers().firstValue("Location").orElseThrow());
    assertThat(id.find()).isTrue();
    return id.group(1);
  }

  private static String sha256(String text) {
    try {
      return java.util.HexFormat.of().formatHex(java.security.MessageDigest.getInstance("SHA-256")
          .digest(text.getBytes(StandardCharsets.UTF_8)));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void aDepositWithErrorsShowsThemBesideTheFieldsKeepsTheValuesThenSaves() {
    TestUsers.User alice = users.user();
    PageSession browser = PageSession.loggedIn(api, alice.email(), TestUsers.PASSWORD);
    String csrf = csrf(browser, "/records/new");
    String[] fields = {"title", "", "description", "Some **bold** text",
        "contributor_name", "Lovelace, Ada", "contributor_affiliation", "Analytical Engines Ltd",
        "contributor_orcid", "0000-0002-1825-009X", "contributor_name", "Babbage, Charles",
        "contributor_affiliation", "", "contributor_orcid", "not-an-orcid",
        "keywords", "engines\nmathematics", "publication_date", "2024-13-45x", "resource_type", "dataset",
        "license", "CC-BY-4.0", "access", "restricted", "action", "save"};
    HttpResponse<String> refused = browser.postRaw("/records/new", form(csrf, fields));

    assertThat(refused.statusCode()).isEqualTo(400);
    String page = refused.body();
    assertThat(page).contains("id=\"title-error\"").contains("A title is required")
        .contains("id=\"contributor-1-orcid-error\"").contains("An ORCID iD looks like")
        .doesNotContain("id=\"contributor-0-orcid-error\"")
        .contains("id=\"publication_date-error\"")
        .contains("value=\"Lovelace, Ada\"").contains("value=\"Analytical Engines Ltd\"")
        .contains("value=\"not-an-orcid\"").contains("Some **bold** text").contains("engines\nmathematics")
        .contains("value=\"2024-13-45x\"").contains("value=\"CC-BY-4.0\"")
        .containsPattern("<option value=\"dataset\" selected")
        .containsPattern("id=\"access-restricted\"[^>]*checked");
    assertThat(api.get("/api/records/?size=100", bearer(alice.token())).body()).doesNotContain("Lovelace");

    String[] fixed = fields.clone();
    fixed[1] = "Engines of thought";
    fixed[15] = "0000-0001-5109-3700";
    fixed[19] = "2024-05-17";
    HttpResponse<String> saved = browser.postRaw("/records/new", form(csrf, fixed));
    assertThat(saved.statusCode()).as(saved.body()).isEqualTo(302);
    Matcher id = LOCATION_ID.matcher(saved.headers().firstValue("Location").orElseThrow());
    assertThat(id.find()).isTrue();

    JsonNode record = json(api.get("/api/records/" + id.group(1), bearer(alice.token())));
    JsonNode metadata = record.path("metadata");
    assertThat(metadata.path("title").asString()).isEqualTo("Engines of thought");
    assertThat(metadata.path("contributors").get(0).path("orcid").asString()).isEqualTo("0000-0002-1825-009X");
    assertThat(metadata.path("contributors").get(1).path("name").asString()).isEqualTo("Babbage, Charles");
    assertThat(metadata.path("contributors").get(1).has("affiliation")).isFalse();
    assertThat(metadata.path("keywords").toString()).isEqualTo("[\"engines\",\"mathematics\"]");
    assertThat(metadata.path("publication_date").asString()).isEqualTo("2024-05-17");
    assertThat(metadata.path("resource_type").asString()).isEqualTo("dataset");
    assertThat(metadata.path("license").asString()).isEqualTo("CC-BY-4.0");
    assertThat(record.path("access").path("record").asString()).isEqualTo("restricted");

    String detail = browser.get("/records/" + id.group(1)).body();
    assertThat(detail).contains("<dt>Resource type</dt><dd>dataset</dd>").contains("<dt>Publication date</dt><dd>2024-05-17</dd>")
        .contains("<dt>Licence</dt><dd>CC-BY-4.0</dd>").contains("<th scope=\"col\">Affiliation</th>")
        .contains("Analytical Engines Ltd").contains("https://orcid.org/0000-0002-1825-009X")
        .contains("<dt>Keywords</dt>").contains("<li>engines</li>").contains("<strong>bold</strong>")
        .contains("Edit metadata").contains("Delete record");
  }

  @Test
  void previewRendersTheDescriptionThroughTheSanitiserAndKeepsTheForm() {
    PageSession browser = PageSession.loggedIn(api, users.user().email(), TestUsers.PASSWORD);
    HttpResponse<String> preview = browser.postRaw("/records/new", form(csrf(browser, "/records/new"),
        "title", "Kept", "description", "# Heading\n<script>alert(1)</script><img src=x onerror=alert(1)>",
        "action", "preview"));
    assertThat(preview.statusCode()).isEqualTo(200);
    assertThat(preview.body()).contains("id=\"preview\"").contains("<h1>Heading</h1>").contains("value=\"Kept\"")
        .doesNotContain("<script>alert").doesNotContain("<img");
    HttpResponse<String> more = browser.postRaw("/records/new", form(csrf(browser, "/records/new"),
        "title", "Kept", "contributor_name", "A", "action", "add-contributor"));
    assertThat(more.body()).contains("id=\"contributor-1-name\"").contains("value=\"A\"");
    assertThat(api.get("/api/records/?q=Kept").body()).contains("\"total\":0");
  }

  @Test
  void aStaleEditShowsTheCurrentVersionAndKeepsWhatWasTyped() {
    TestUsers.User alice = users.user();
    PageSession browser = PageSession.loggedIn(api, alice.email(), TestUsers.PASSWORD);
    String id = deposit(browser, "First title", "public");
    String editPage = browser.get("/records/" + id + "/edit").body();
    assertThat(editPage).contains("name=\"revision\" value=\"1\"").contains("value=\"First title\"");

    HttpResponse<String> elsewhere = api.put("/api/records/" + id, "{\"metadata\": {\"title\": \"Their title\"}, "
        + "\"access\": {\"record\": \"public\"}}", "Authorization", "Bearer " + alice.token(), "If-Match", "W/\"1\"");
    assertThat(elsewhere.statusCode()).isEqualTo(200);

    String csrf = PageSession.csrfField(editPage);
    HttpResponse<String> stale = browser.postRaw("/records/" + id + "/edit", form(csrf, "revision", "1",
        "title", "My title", "keywords", "mine", "access", "public", "action", "save"));
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(stale.body()).contains("id=\"conflict\"").contains("Someone else saved this record")
        .contains("revision 2").contains("Their title").contains("value=\"My title\"").contains(">mine</textarea>")
        .contains("name=\"revision\" value=\"2\"");
    assertThat(json(api.get("/api/records/" + id)).path("metadata").path("title").asString()).isEqualTo("Their title");

    HttpResponse<String> again = browser.postRaw("/records/" + id + "/edit", form(csrf, "revision", "2",
        "title", "My title", "keywords", "mine", "access", "public", "action", "save"));
    assertThat(again.statusCode()).isEqualTo(302);
    assertThat(json(api.get("/api/records/" + id)).path("metadata").path("title").asString()).isEqualTo("My title");
  }

  @Test
  void ownerActionsAppearOnlyToThoseAllowedAndAreRefusedToOthers() {
    TestUsers.User alice = users.user();
    PageSession owner = PageSession.loggedIn(api, alice.email(), TestUsers.PASSWORD);
    String id = deposit(owner, "Alice's record", "public");
    String secret = deposit(owner, "Alice's secret", "restricted");

    PageSession bob = PageSession.loggedIn(api, users.user().email(), TestUsers.PASSWORD);
    String seen = bob.get("/records/" + id).body();
    assertThat(seen).contains("Alice&#39;s record").doesNotContain("Edit metadata").doesNotContain("Delete record")
        .doesNotContain("upload.js");
    assertThat(bob.get("/records/" + id + "/edit").statusCode()).isEqualTo(403);
    assertThat(bob.get("/records/" + secret + "/edit").statusCode()).isEqualTo(404);
    assertThat(bob.get("/records/" + secret).statusCode()).isEqualTo(404);
    String bobCsrf = csrf(bob, "/records/new");
    assertThat(bob.postRaw("/records/" + id + "/delete", form(bobCsrf)).statusCode()).isEqualTo(403);
    assertThat(bob.postRaw("/records/" + secret + "/delete", form(bobCsrf)).statusCode()).isEqualTo(404);
    assertThat(bob.postRaw("/records/" + id + "/access", form(bobCsrf, "access", "restricted", "revision", "1"))
        .statusCode()).isEqualTo(403);
    assertThat(api.get("/api/records/" + id).statusCode()).isEqualTo(200);

    assertThat(api.get("/records/" + id).body()).doesNotContain("Edit metadata");
    HttpResponse<String> anonymous = api.get("/records/new");
    assertThat(anonymous.statusCode()).isEqualTo(302);
    assertThat(anonymous.headers().firstValue("Location").orElseThrow()).endsWith("/login");

    PageSession admin = PageSession.loggedIn(api, users.superuser().email(), TestUsers.PASSWORD);
    assertThat(admin.get("/records/" + secret).body()).contains("Edit metadata");
  }

  @Test
  void visibilityChangesAndADeletedRecordIsATombstone() {
    TestUsers.User alice = users.user();
    PageSession owner = PageSession.loggedIn(api, alice.email(), TestUsers.PASSWORD);
    String id = deposit(owner, "Short-lived", "public");
    String csrf = csrf(owner, "/records/" + id);

    assertThat(owner.postRaw("/records/" + id + "/access", form(csrf, "access", "restricted", "revision", "1"))
        .statusCode()).isEqualTo(302);
    assertThat(api.get("/api/records/" + id).statusCode()).isEqualTo(404);
    assertThat(owner.get("/records/" + id).body()).contains("Make public");

    assertThat(owner.postRaw("/records/" + id + "/delete", "csrf_token=x").statusCode()).isEqualTo(403);
    assertThat(owner.postRaw("/records/" + id + "/delete", form(csrf)).statusCode()).isEqualTo(302);
    HttpResponse<String> gone = owner.get("/records/" + id);
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(gone.body()).contains("this record has been deleted").contains("<header class=\"site\">");
    assertThat(api.get("/api/records/" + id, bearer(alice.token())).statusCode()).isEqualTo(410);
  }

  /** Found by wapiti (security/scan.sh): a revision that is not a number was answered 500. */
  @Test
  void aFormFieldOfTheWrongTypeOrMissingIsRefusedWith400AndChangesNothing() {
    TestUsers.User alice = users.user();
    PageSession owner = PageSession.loggedIn(api, alice.email(), TestUsers.PASSWORD);
    String id = deposit(owner, "Typed fields", "public");
    String csrf = csrf(owner, "/records/" + id);

    for (String body : List.of(form(csrf, "access", "restricted", "revision", "1'\"("),
        form(csrf, "access", "restricted"))) {
      HttpResponse<String> refused = owner.postRaw("/records/" + id + "/access", body);
      assertThat(refused.statusCode()).as(body).isEqualTo(400);
      assertThat(refused.headers().firstValue("Content-Type").orElseThrow()).startsWith("text/html");
      assertThat(refused.body()).contains("<header class=\"site\">").doesNotContain("Exception", "1'\"(");
    }
    JsonNode record = json(api.get("/api/records/" + id));
    assertThat(record.path("revision").asInt()).isEqualTo(1);
    assertThat(record.path("access").path("record").asString()).isEqualTo("public");
  }

  @Test
  void theRecordPageListsFilesWithSizeTypeChecksumAndDownloadLink() {
    TestUsers.User alice = users.user();
    PageSession owner = PageSession.loggedIn(api, alice.email(), TestUsers.PASSWORD);
    String id = deposit(owner, "With files", "public");
    HttpResponse<String> put = api.put("/api/records/" + id + "/files/data%20set.csv", "a,b\n1,2\n",
        "Authorization", "Bearer " + alice.token(), "Content-Type", "text/csv");
    assertThat(put.statusCode()).as(put.body()).isIn(200, 201);

    String page = api.get("/records/" + id).body();
    assertThat(page).contains("data set.csv").contains("8 bytes").contains("text/")
        .contains("href=\"/api/records/" + id + "/files/data%20set.csv/content\"")
        .contains(sha256("a,b\n1,2\n"))
        .doesNotContain("class=\"upload\"");
    String own = owner.get("/records/" + id).body();
    assertThat(own).contains("data-upload-base=\"/api/records/" + id + "/files/\"").contains("src=\"/js/upload.js\"")
        .contains("id=\"quota\"").contains("data-confirm=\"Delete the file data set.csv?");

    String csrf = PageSession.csrfField(own);
    assertThat(owner.postRaw("/records/" + id + "/files/delete", form(csrf, "key", "data set.csv")).statusCode())
        .isEqualTo(302);
    assertThat(api.get("/records/" + id).body()).contains("No files yet.");
  }
}
