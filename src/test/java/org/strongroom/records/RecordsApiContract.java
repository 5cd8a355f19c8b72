package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.strongroom.core.Scope;
import org.strongroom.support.ApiClient;
import org.strongroom.support.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The records API end to end over HTTPS (docs/api/records.md). Run against H2 and PostgreSQL by the subclasses.
 */
abstract class RecordsApiContract {

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  static String body(String title, String access) {
    return "{\"metadata\": {\"title\": \"" + title + "\", \"contributors\": [{\"name\": \"Zoë Ångström\"}],"
        + " \"description\": \"Some *markdown*\"}, \"access\": {\"record\": \"" + access + "\"}}";
  }

  String create(TestUsers.User owner, String title, String access) {
    HttpResponse<String> response = api.post("/api/records/", body(title, access), bearer(owner.token()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).path("id").asString();
  }

  @Test
  void createsAndReadsARecord() {
    TestUsers.User alice = users.user();
    HttpResponse<String> created = api.post("/api/records/", body("Données de test ✓", "public"), bearer(alice.token()));
    assertThat(created.statusCode()).isEqualTo(201);
    JsonNode doc = json(created);
    String id = doc.path("id").asString();
    assertThat(id).matches("[0-9a-z]{5}-[0-9a-z]{5}");
    assertThat(created.headers().firstValue("Location")).hasValue(api.baseUrl() + "/api/records/" + id);
    assertThat(created.headers().firstValue("ETag")).hasValue("W/\"1\"");

    HttpResponse<String> read = api.get("/api/records/" + id);
    assertThat(read.statusCode()).isEqualTo(200);
    JsonNode record = json(read);
    assertThat(record.path("metadata").path("title").asString()).isEqualTo("Données de test ✓");
    assertThat(record.path("metadata").path("contributors").get(0).path("name").asString()).isEqualTo("Zoë Ångström");
    assertThat(record.path("revision").asInt()).isEqualTo(1);
    assertThat(record.path("links").path("self").asString()).isEqualTo(api.baseUrl() + "/api/records/" + id);
    assertThat(record.path("links").path("files").asString()).endsWith("/api/records/" + id + "/files");
    assertThat(record.path("access").path("record").asString()).isEqualTo("public");
    assertThat(record.path("owner").path("user").asLong()).isEqualTo(alice.id());
    assertThat(record.path("created").asString()).isEqualTo(doc.path("created").asString());
    assertThat(read.headers().firstValue("ETag")).hasValue("W/\"1\"");
  }

  /**
   * Documents carry the stored metadata text as it is (RecordJson): whatever needed escaping on
   * the way in must come back as the same JSON from every response that holds the record.
   */
  @Test
  void metadataComesBackAsSentFromEveryResponse() {
    TestUsers.User alice = users.user();
    String tricky = "quote \\\" backslash \\\\ tab \\t nul \\u0000 separators \\u2028\\u2029 "
        + "emoji \\ud83d\\udd12 </script> ünïcödé";
    String metadata = "{\"title\": \"" + tricky + "\", \"description\": \"" + tricky + "\","
        + " \"keywords\": [\"a\", \"" + tricky + "\"], \"contributors\": [{\"name\": \"Zoë\"}]}";
    JsonNode sent = tools.jackson.databind.json.JsonMapper.builder().build().readTree(metadata);
    HttpResponse<String> created = api.post("/api/records/", "{\"metadata\": " + metadata
        + ", \"access\": {\"record\": \"public\"}}", bearer(alice.token()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created).path("id").asString();
    HttpResponse<String> updated = api.put("/api/records/" + id, "{\"metadata\": " + metadata
        + ", \"access\": {\"record\": \"public\"}}", bearer(alice.token()));
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    HttpResponse<String> read = api.get("/api/records/" + id);
    HttpResponse<String> listed = api.get("/api/records/?size=1&sort=mostrecent", bearer(alice.token()));
    HttpResponse<String> pretty = api.get("/api/records/" + id + "?prettyprint=1");
    // U+0000 cannot be in PostgreSQL text: the search columns leave it out (a query may not hold it).
    HttpResponse<String> found = api.get("/api/records/?size=1&q="
        + java.net.URLEncoder.encode("nul UNICODE", java.nio.charset.StandardCharsets.UTF_8), bearer(alice.token()));
    assertThat(found.statusCode()).as(found.body()).isEqualTo(200);
    assertThat(json(found).path("hits").path("hits").get(0).path("id").asString()).isEqualTo(id);

    assertThat(json(created).path("metadata")).isEqualTo(sent);
    assertThat(json(updated).path("metadata")).isEqualTo(sent);
    assertThat(json(read).path("metadata")).isEqualTo(sent);
    assertThat(json(pretty).path("metadata")).isEqualTo(sent);
    JsonNode hit = json(listed).path("hits").path("hits").get(0);
    assertThat(hit.path("id").asString()).isEqualTo(id);
    assertThat(hit.path("metadata")).isEqualTo(sent);
    for (HttpResponse<String> response : java.util.List.of(created, updated, read, listed)) {
      assertThat(response.headers().firstValue("Content-Type")).hasValue("application/json");
    }
  }

  @Test
  void aReadWithTheCurrentETagIsNotModified() {
    TestUsers.User alice = users.user();
    String id = create(alice, "Cached", "public");
    HttpResponse<String> same = api.get("/api/records/" + id, "If-None-Match", "W/\"1\"");
    assertThat(same.statusCode()).isEqualTo(304);
    assertThat(same.headers().firstValue("ETag")).hasValue("W/\"1\"");
    assertThat(same.body()).isEmpty();
    HttpResponse<String> stale = api.get("/api/records/" + id, "If-None-Match", "W/\"0\"");
    assertThat(stale.statusCode()).isEqualTo(200);
    assertThat(stale.headers().firstValue("ETag")).hasValue("W/\"1\"");
    assertThat(stale.headers().firstValue("Content-Type")).hasValue("application/json");
    assertThat(json(stale).path("id").asString()).isEqualTo(id);
  }

  /**
   * The read and the list write their documents themselves (RecordApiController.writeJson), not
   * through MVC's converter: the same type, an exact length, and JSON even for a client that
   * asks for HTML (API paths ignore Accept).
   */
  @Test
  void readsAndListsAreWrittenAsMvcWouldWriteThem() {
    TestUsers.User alice = users.user();
    String id = create(alice, "Written directly", "public");
    for (String path : new String[] {"/api/records/" + id, "/api/records/?size=3"}) {
      HttpResponse<String> response = api.get(path, "Accept", "application/*");
      assertThat(response.statusCode()).as(path).isEqualTo(200);
      assertThat(response.headers().firstValue("Content-Type")).as(path).hasValue("application/json");
      assertThat(response.headers().firstValue("Content-Length")).as(path)
          .hasValue(String.valueOf(response.body().getBytes(StandardCharsets.UTF_8).length));
      assertThat(response.headers().firstValue("Content-Disposition")).as(path).isEmpty();

      HttpResponse<String> html = api.get(path, "Accept", "text/html");
      assertThat(html.statusCode()).as(path).isEqualTo(200);
      assertThat(html.headers().firstValue("Content-Type").orElseThrow()).as(path).startsWith("application/json");
      assertThat(html.body()).as(path).isEqualTo(response.body());
    }
  }

  /** HEAD answers as GET does, without the body (RFC 9110 §9.3.2), and refuses what GET refuses. */
  @Test
  void headAnswersAsGetDoesWithoutTheBody() {
    TestUsers.User alice = users.user();
    TestUsers.User bob = users.user();
    String id = create(alice, "Asked with HEAD", "public");
    for (String path : new String[] {"/api/records/" + id, "/api/records/?size=3"}) {
      HttpResponse<String> get = api.get(path);
      HttpResponse<String> head = api.head(path);
      assertThat(head.statusCode()).as(path).isEqualTo(200);
      assertThat(head.body()).as(path).isEmpty();
      assertThat(head.headers().firstValue("Content-Type")).as(path).isEqualTo(get.headers().firstValue("Content-Type"));
      assertThat(head.headers().firstValue("Content-Length")).as(path)
          .hasValue(String.valueOf(get.body().getBytes(StandardCharsets.UTF_8).length));
      assertThat(head.headers().firstValue("X-RateLimit-Limit")).as(path).isPresent();
    }
    assertThat(api.head("/api/records/" + id).headers().firstValue("ETag")).hasValue("W/\"1\"");

    String hidden = create(alice, "Not for Bob", "restricted");
    HttpResponse<String> anonymous = api.head("/api/records/" + hidden);
    assertThat(anonymous.statusCode()).isEqualTo(404);
    assertThat(anonymous.body()).isEmpty();
    assertThat(api.head("/api/records/" + hidden, bearer(bob.token())).statusCode()).isEqualTo(404);
    assertThat(api.head("/api/records/" + hidden, bearer(alice.token())).statusCode()).isEqualTo(200);
    assertThat(api.head("/api/me").statusCode()).isEqualTo(401);
    assertThat(api.head("/api/me", bearer(alice.token())).statusCode()).isEqualTo(200);
    assertThat(api.head("/api/admin/rate-limits/" + alice.id(), bearer(alice.token())).statusCode()).isEqualTo(403);
    // HEAD changes nothing: the record is as it was.
    assertThat(json(api.get("/api/records/" + id)).path("revision").asInt()).isEqualTo(1);
  }

  @Test
  void updatesWithIfMatchAndRefusesAStaleRevision() {
    TestUsers.User alice = users.user();
    String id = create(alice, "First", "public");

    HttpResponse<String> updated = api.put("/api/records/" + id, body("Second", "public"),
        "Authorization", "Bearer " + alice.token(), "If-Match", "W/\"1\"");
    assertThat(updated.statusCode()).as(updated.body()).isEqualTo(200);
    assertThat(updated.headers().firstValue("ETag")).hasValue("W/\"2\"");
    assertThat(json(updated).path("metadata").path("title").asString()).isEqualTo("Second");

    HttpResponse<String> stale = api.put("/api/records/" + id, body("Lost update", "public"),
        "Authorization", "Bearer " + alice.token(), "If-Match", "W/\"1\"");
    assertThat(stale.statusCode()).isEqualTo(412);
    assertThat(json(stale).path("status").asInt()).isEqualTo(412);
    assertThat(json(api.get("/api/records/" + id)).path("metadata").path("title").asString()).isEqualTo("Second");
  }

  @Test
  void deletedRecordsAreGone() {
    TestUsers.User alice = users.user();
    String id = create(alice, "Short-lived", "public");
    assertThat(api.delete("/api/records/" + id, bearer(alice.token())).statusCode()).isEqualTo(204);
    HttpResponse<String> gone = api.get("/api/records/" + id);
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(json(gone).path("message").asString()).isEqualTo("Record has been deleted");
    assertThat(json(gone).path("status").asInt()).isEqualTo(410);
  }

  @Test
  void restrictedRecordsAreInvisibleToOthers() {
    TestUsers.User alice = users.user();
    TestUsers.User bob = users.user();
    TestUsers.User admin = users.superuser();
    String marker = "secretive" + System.nanoTime();
    String id = create(alice, marker, "restricted");

    assertThat(api.get("/api/records/" + id).statusCode()).isEqualTo(404);
    assertThat(api.get("/api/records/" + id, bearer(bob.token())).statusCode()).isEqualTo(404);
    assertThat(api.get("/api/records/" + id, bearer(alice.token())).statusCode()).isEqualTo(200);
    // A superuser's token acts as a superuser only with the admin scope.
    assertThat(api.get("/api/records/" + id, bearer(admin.token())).statusCode()).isEqualTo(404);
    String adminToken = users.token(admin.email(), java.util.EnumSet.allOf(Scope.class));
    assertThat(api.get("/api/records/" + id, bearer(adminToken)).statusCode()).isEqualTo(200);
    // Bob cannot change or delete what he cannot see, and learns nothing from trying.
    assertThat(api.put("/api/records/" + id, body("hijack", "public"), bearer(bob.token())).statusCode()).isEqualTo(404);
    assertThat(api.delete("/api/records/" + id, bearer(bob.token())).statusCode()).isEqualTo(404);

    assertThat(json(api.get("/api/records/?q=" + marker)).path("hits").path("total").asInt()).isZero();
    assertThat(json(api.get("/api/records/?q=" + marker, bearer(bob.token()))).path("hits").path("total").asInt()).isZero();
    assertThat(json(api.get("/api/records/?q=" + marker, bearer(alice.token()))).path("hits").path("total").asInt()).isEqualTo(1);
  }

  /**
   * Attacks records/RecordCache: each record is read (so its row is cached) just before it
   * changes, and read again at once. No read after the change may show the cached row: not a
   * record made restricted, not a deleted one, not the old metadata or ETag. Error bodies are
   * those of a record never cached.
   */
  @Test
  void aCachedRecordIsNeverServedAfterItChanges() {
    TestUsers.User alice = users.user();
    TestUsers.User bob = users.user();
    String unknownBody = api.get("/api/records/00000-00000").body();

    String id = create(alice, "Public for now", "public");
    readTwice(id);
    HttpResponse<String> restricted = api.put("/api/records/" + id, body("Restricted now", "restricted"),
        bearer(alice.token()));
    assertThat(restricted.statusCode()).as(restricted.body()).isEqualTo(200);
    HttpResponse<String> anonymous = api.get("/api/records/" + id);
    assertThat(anonymous.statusCode()).isEqualTo(404);
    assertThat(anonymous.body()).isEqualTo(unknownBody);
    HttpResponse<String> byBob = api.get("/api/records/" + id, bearer(bob.token()));
    assertThat(byBob.statusCode()).isEqualTo(404);
    assertThat(byBob.body()).isEqualTo(unknownBody);
    assertThat(api.get("/api/records/" + id, "If-None-Match", "W/\"1\"").statusCode()).isEqualTo(404);
    HttpResponse<String> byAlice = api.get("/api/records/" + id, bearer(alice.token()));
    assertThat(byAlice.statusCode()).isEqualTo(200);
    assertThat(json(byAlice).path("metadata").path("title").asString()).isEqualTo("Restricted now");
    // The owner's read cached the restricted row: it is still decided per caller.
    assertThat(api.get("/api/records/" + id).statusCode()).isEqualTo(404);
    assertThat(api.get("/api/records/" + id, bearer(bob.token())).body()).isEqualTo(unknownBody);

    String changing = create(alice, "First title", "public");
    readTwice(changing);
    assertThat(api.put("/api/records/" + changing, body("Second title", "public"), bearer(alice.token()))
        .statusCode()).isEqualTo(200);
    HttpResponse<String> changed = api.get("/api/records/" + changing);
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(json(changed).path("metadata").path("title").asString()).isEqualTo("Second title");
    assertThat(json(changed).path("revision").asInt()).isEqualTo(2);
    assertThat(changed.headers().firstValue("ETag")).hasValue("W/\"2\"");
    HttpResponse<String> oldTag = api.get("/api/records/" + changing, "If-None-Match", "W/\"1\"");
    assertThat(oldTag.statusCode()).isEqualTo(200);
    assertThat(oldTag.body()).isEqualTo(changed.body());
    assertThat(api.get("/api/records/" + changing, "If-None-Match", "W/\"2\"").statusCode()).isEqualTo(304);

    String deleted = create(alice, "Deleted soon", "public");
    readTwice(deleted);
    assertThat(api.delete("/api/records/" + deleted, bearer(alice.token())).statusCode()).isEqualTo(204);
    HttpResponse<String> gone = api.get("/api/records/" + deleted);
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(json(gone).path("message").asString()).isEqualTo("Record has been deleted");
    assertThat(api.get("/api/records/" + deleted, "If-None-Match", "W/\"1\"").statusCode()).isEqualTo(410);
    assertThat(api.get("/api/records/" + deleted, bearer(alice.token())).statusCode()).isEqualTo(410);
  }

  private void readTwice(String id) {
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> read = api.get("/api/records/" + id);
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.headers().firstValue("ETag")).hasValue("W/\"1\"");
    }
  }

  @Test
  void othersCannotChangeAPublicRecord() {
    TestUsers.User alice = users.user();
    TestUsers.User bob = users.user();
    String id = create(alice, "Alice's", "public");
    HttpResponse<String> refused = api.put("/api/records/" + id, body("Bob's now", "public"), bearer(bob.token()));
    assertThat(refused.statusCode()).isEqualTo(403);
    assertThat(api.delete("/api/records/" + id, bearer(bob.token())).statusCode()).isEqualTo(403);
    assertThat(json(api.get("/api/records/" + id)).path("metadata").path("title").asString()).isEqualTo("Alice's");
  }

  @Test
  void anonymousCallersCannotWrite() {
    HttpResponse<String> response = api.post("/api/records/", body("Anonymous", "public"));
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(json(response).path("status").asInt()).isEqualTo(401);
  }

  @Test
  void readOnlyTokensCannotWrite() {
    TestUsers.User alice = users.user();
    String readOnly = users.token(alice.email(), Set.of(Scope.RECORDS_READ));
    HttpResponse<String> response = api.post("/api/records/", body("Nope", "public"), bearer(readOnly));
    assertThat(response.statusCode()).isEqualTo(403);
  }

  @Test
  void searchesPagesAndSorts() {
    TestUsers.User alice = users.user();
    String marker = "zebra" + System.nanoTime();
    for (String title : new String[] {"Charlie " + marker, "alpha " + marker, "Bravo " + marker}) {
      create(alice, title, "public");
    }
    HttpResponse<String> byTitle = api.get("/api/records/?q=" + marker + "&sort=title&size=2&page=1");
    assertThat(byTitle.statusCode()).isEqualTo(200);
    JsonNode body = json(byTitle);
    assertThat(body.path("hits").path("total").asInt()).isEqualTo(3);
    assertThat(body.path("hits").path("hits")).hasSize(2);
    assertThat(body.path("hits").path("hits").get(0).path("metadata").path("title").asString()).startsWith("alpha");
    assertThat(body.path("hits").path("hits").get(1).path("metadata").path("title").asString()).startsWith("Bravo");
    assertThat(body.path("links").path("next").asString()).contains("page=2");
    assertThat(body.path("links").has("prev")).isFalse();
    assertThat(byTitle.headers().firstValue("Link").orElseThrow()).contains("rel=\"next\"").contains("rel=\"self\"");

    JsonNode page2 = json(api.get("/api/records/?q=" + marker + "&sort=title&size=2&page=2"));
    assertThat(page2.path("hits").path("hits")).hasSize(1);
    assertThat(page2.path("links").path("prev").asString()).contains("page=1");

    JsonNode recent = json(api.get("/api/records/?q=" + marker + "&sort=mostrecent"));
    assertThat(recent.path("hits").path("hits").get(0).path("metadata").path("title").asString()).startsWith("Bravo");

    JsonNode best = json(api.get("/api/records/?q=" + "charlie%20" + marker + "&sort=bestmatch"));
    assertThat(best.path("hits").path("hits").get(0).path("metadata").path("title").asString()).startsWith("Charlie");
  }

  @Test
  void pageLinksGiveTheServerBackTheSameQuery() {
    TestUsers.User alice = users.user();
    String marker = "links" + System.nanoTime();
    create(alice, "C++ {x} a&b=c 100% " + marker, "public");
    String q = marker + " c++ {x} a&b=c 100%";
    JsonNode first = json(api.get("/api/records/?size=1&q=" + URLEncoder.encode(q, StandardCharsets.UTF_8)));
    assertThat(first.path("hits").path("total").asInt()).isEqualTo(1);
    String self = first.path("links").path("self").asString();
    // '+' reads back as a space, and braces are not allowed in a URI at all
    assertThat(self).startsWith(api.baseUrl() + "/api/records/?q=").doesNotContain("+", "{", "}", " ");

    // Following the link, the server reads the same q: the same hit, and the same link again.
    JsonNode followed = json(api.get(self.substring(api.baseUrl().length())));
    assertThat(followed.path("hits").path("total").asInt()).isEqualTo(1);
    assertThat(followed.path("links").path("self").asString()).isEqualTo(self);
  }

  @Test
  void sizeIsCappedAtOneHundred() {
    JsonNode body = json(api.get("/api/records/?size=1000"));
    assertThat(body.path("links").path("self").asString()).contains("size=100");
  }
}
