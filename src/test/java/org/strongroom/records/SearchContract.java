package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.net.URLEncoder;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.strongroom.core.Scope;
import org.strongroom.support.ApiClient;
import org.strongroom.support.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * SPEC §15 end to end over HTTPS, run against H2 and PostgreSQL by the subclasses: the same
 * query finds the same records on either. Every record here carries the class's marker word,
 * so each query is asked as "marker AND (query)" and sees only these records.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class SearchContract {

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  final String marker = "mk" + Long.toString(System.nanoTime(), 36);
  final Map<String, String> ids = new LinkedHashMap<>();
  TestUsers.User alice;
  TestUsers.User bob;
  String adminToken;

  @BeforeAll
  void records() {
    alice = users.user();
    bob = users.user();
    adminToken = users.token(users.superuser().email(), EnumSet.allOf(Scope.class));
    add("ocean", alice, "public", "Deep Ocean Heat", List.of("Åsa Nilsson", "Jean Dupont"),
        List.of("Ocean", "climate"), "Temperature of the *deep* sea.", "dataset", "CC-BY-4.0", "2024-03-01");
    add("sea", alice, "public", "Sea ice extent", List.of("Maria Garcia"),
        List.of("ice", "climate"), "Arctic ocean ice, monthly.", "dataset", "cc0-1.0", "2020");
    add("code", alice, "public", "Oceanographic toolkit", List.of("Jean Dupont"),
        List.of("software"), "Heat budget tools.", "software", "MIT", "2022-01");
    add("paper", bob, "public", "Heat and the deep", List.of("Bob Ocean"),
        List.of("ocean"), "A publication about nothing in particular.", "publication", "CC-BY-4.0", "2019");
    add("secret", alice, "restricted", "Hidden ocean notes", List.of("Åsa Nilsson"),
        List.of("ocean", "private"), "Not for others.", "other", "CC-BY-4.0", "2024");
  }

  private void add(String name, TestUsers.User owner, String access, String title, List<String> contributors,
      List<String> keywords, String description, String type, String license, String date) {
    StringBuilder names = new StringBuilder();
    for (String contributor : contributors) {
      names.append(names.isEmpty() ? "" : ", ").append("{\"name\": \"").append(contributor).append("\"}");
    }
    List<String> quoted = new ArrayList<>();
    keywords.forEach(k -> quoted.add("\"" + k + "\""));
    quoted.add("\"" + marker + "\"");
    String body = "{\"metadata\": {\"title\": \"" + title + "\", \"contributors\": [" + names + "],"
        + " \"keywords\": " + quoted + ", \"description\": \"" + description + "\","
        + " \"resource_type\": \"" + type + "\", \"license\": \"" + license + "\","
        + " \"publication_date\": \"" + date + "\"}, \"access\": {\"record\": \"" + access + "\"}}";
    HttpResponse<String> created = api.post("/api/records/", body, bearer(owner.token()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    ids.put(json(created).path("id").asString(), name);
  }

  HttpResponse<String> search(String query, String... headers) {
    return api.get("/api/records/?size=100&q=" + encode(query), headers);
  }

  static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }

  /** The names of the records found by "marker query", as the anonymous caller sees them. */
  List<String> found(String query) {
    return names(search(marker + " " + query));
  }

  List<String> names(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    List<String> names = new ArrayList<>();
    json(response).path("hits").path("hits").forEach(hit -> names.add(ids.get(hit.path("id").asString())));
    assertThat(json(response).path("hits").path("total").asInt()).isEqualTo(names.size());
    return names;
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', value = {
      "heat|ocean code paper",
      "heat deep|ocean paper",
      "\"deep ocean\"|ocean",
      "\"ocean deep\"|''",
      "\"heat deep\"|''",
      "ice OR toolkit|sea code",
      "heat -publication -toolkit|ocean",
      "-heat|sea",
      "title:ocean|ocean",
      "title:oce*|ocean code",
      "oce*|ocean sea code paper",
      "contributor:dupont|ocean code",
      "contributor:ocean|paper",
      "keyword:ocean|ocean paper",
      "keyword:climate -keyword:ice|ocean",
      "description:deep|ocean",
      "description:heat|code",
      "type:dataset|ocean sea",
      "type:DATASET -title:sea|ocean",
      "license:cc-by-4.0|ocean paper",
      "license:mit OR type:publication|code paper",
      "year:2024|ocean",
      "year:2019..2022|sea code paper",
      "asa|ocean",
      "ÅSA nilsson|ocean",
      "NILSSÖN|ocean",
      "monthly arctic|sea",
      "\"ice extent\" OR \"heat budget\"|sea code",
      "nothing AND particular|paper",
  })
  void theQueryLanguageFindsTheSameRecords(String query, String expected) {
    List<String> want = expected.isEmpty() ? List.of() : List.of(expected.split(" "));
    assertThat(found(query)).as(query).containsExactlyInAnyOrderElementsOf(want);
  }

  @Test
  void bestMatchRanksTitlesAboveDescriptions() {
    // "heat": in the titles of ocean and paper, the description of code.
    List<String> ranked = names(search(marker + " heat", "Accept", "application/json"));
    assertThat(ranked).hasSize(3);
    assertThat(ranked.get(2)).isEqualTo("code");
    assertThat(names(api.get("/api/records/?size=100&sort=title&q=" + encode(marker + " heat"))))
        .containsExactly("ocean", "paper", "code");
  }

  @Test
  void restrictedRecordsAreCountedOnlyForThoseWhoMaySeeThem() {
    String q = encode(marker);
    String facets = "&facets=keyword,type,year,license";
    JsonNode anonymous = json(api.get("/api/records/?q=" + q + facets));
    JsonNode owner = json(api.get("/api/records/?q=" + q + facets, bearer(alice.token())));
    JsonNode other = json(api.get("/api/records/?q=" + q + facets, bearer(bob.token())));
    JsonNode superuser = json(api.get("/api/records/?q=" + q + facets, bearer(adminToken)));

    assertThat(anonymous.path("hits").path("total").asInt()).isEqualTo(4);
    assertThat(other.path("hits").path("total").asInt()).isEqualTo(4);
    assertThat(owner.path("hits").path("total").asInt()).isEqualTo(5);
    assertThat(superuser.path("hits").path("total").asInt()).isEqualTo(5);

    assertThat(buckets(anonymous, "type")).isEqualTo(Map.of("dataset", 2L, "software", 1L, "publication", 1L));
    assertThat(buckets(other, "type")).isEqualTo(buckets(anonymous, "type"));
    assertThat(buckets(owner, "type")).containsEntry("other", 1L).hasSize(4);
    assertThat(buckets(superuser, "type")).isEqualTo(buckets(owner, "type"));

    assertThat(buckets(anonymous, "keyword")).containsEntry("ocean", 2L).containsEntry("climate", 2L)
        .containsEntry(marker, 4L).doesNotContainKey("private");
    assertThat(buckets(owner, "keyword")).containsEntry("ocean", 3L).containsEntry("private", 1L);
    assertThat(buckets(superuser, "keyword")).isEqualTo(buckets(owner, "keyword"));
    assertThat(buckets(anonymous, "license")).isEqualTo(Map.of("cc-by-4.0", 2L, "cc0-1.0", 1L, "mit", 1L));
    assertThat(buckets(owner, "license")).containsEntry("cc-by-4.0", 3L);
    assertThat(buckets(anonymous, "year")).isEqualTo(Map.of("2024", 1L, "2020", 1L, "2022", 1L, "2019", 1L));
    assertThat(buckets(owner, "year")).containsEntry("2024", 2L);

    // Invenio's shape, and the buckets' order: most frequent first, then by key.
    JsonNode keywordBuckets = anonymous.path("aggregations").path("keyword").path("buckets");
    assertThat(keywordBuckets.get(0).path("key").asString()).isEqualTo(marker);
    assertThat(keywordBuckets.get(0).path("doc_count").asLong()).isEqualTo(4);
    assertThat(keywordBuckets.get(1).path("key").asString()).isEqualTo("climate");
    assertThat(json(api.get("/api/records/?q=" + q)).has("aggregations")).isFalse();
  }

  @Test
  void filtersNarrowTheHitsAndTheirFacets() {
    String q = encode(marker);
    JsonNode datasets = json(api.get("/api/records/?q=" + q + "&type=dataset&facets=keyword"));
    assertThat(datasets.path("hits").path("total").asInt()).isEqualTo(2);
    assertThat(buckets(datasets, "keyword")).containsEntry("climate", 2L).containsEntry("ice", 1L)
        .doesNotContainKey("software");
    assertThat(json(api.get("/api/records/?q=" + q + "&keyword=OCEAN&type=dataset")).path("hits").path("total").asInt())
        .isEqualTo(1);
    assertThat(json(api.get("/api/records/?q=" + q + "&keyword=ice&keyword=software")).path("hits").path("total").asInt())
        .isEqualTo(2);
    assertThat(json(api.get("/api/records/?q=" + q + "&year=2024&license=cc-by-4.0")).path("hits").path("total").asInt())
        .isEqualTo(1);
    assertThat(json(api.get("/api/records/?q=" + q + "&keyword=private")).path("hits").path("total").asInt()).isZero();
    assertThat(json(api.get("/api/records/?q=" + q + "&keyword=private", bearer(alice.token())))
        .path("hits").path("total").asInt()).isEqualTo(1);
    // the filters stay in the links
    assertThat(datasets.path("links").path("self").asString()).contains("type=dataset").contains("facets=keyword");
  }

  /**
   * Creating, opening up and deleting a record moves the totals of each caller (anonymous, its
   * owner, another user, a superuser) as the access rules say, for a list without a query
   * (PostgreSQL's maintained counts) and for a word (PostgreSQL's postings); and the facets of a
   * list without a query equal those of a query matching every record ({@code -word}, counted
   * from the records themselves).
   */
  @Test
  void totalsAndFacetsFollowEveryWriteForEveryCaller() {
    String word = "wr" + Long.toString(System.nanoTime(), 36);
    String[][] callers = {{}, bearer(alice.token()), bearer(bob.token()), bearer(adminToken)};
    long[] all = totals("", callers);
    assertThat(totals(word, callers)).containsExactly(0, 0, 0, 0);
    String metadata = "{\"title\": \"Counted " + word + "\", \"keywords\": [\"" + word + "\", \"climate\"],"
        + " \"resource_type\": \"dataset\", \"license\": \"MIT\", \"publication_date\": \"2021\"}";
    HttpResponse<String> created = api.post("/api/records/", "{\"metadata\": " + metadata
        + ", \"access\": {\"record\": \"restricted\"}}", bearer(alice.token()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created).path("id").asString();
    assertThat(totals(word, callers)).containsExactly(0, 1, 0, 1);
    assertThat(totals("", callers)).containsExactly(all[0], all[1] + 1, all[2], all[3] + 1);
    sameFacetsWithoutQuery(callers);

    HttpResponse<String> opened = api.put("/api/records/" + id, "{\"metadata\": " + metadata
        + ", \"access\": {\"record\": \"public\"}}", bearer(alice.token()));
    assertThat(opened.statusCode()).as(opened.body()).isEqualTo(200);
    assertThat(totals(word, callers)).containsExactly(1, 1, 1, 1);
    assertThat(totals("", callers)).containsExactly(all[0] + 1, all[1] + 1, all[2] + 1, all[3] + 1);
    sameFacetsWithoutQuery(callers);

    assertThat(api.delete("/api/records/" + id, bearer(alice.token())).statusCode()).isEqualTo(204);
    assertThat(totals(word, callers)).containsExactly(0, 0, 0, 0);
    assertThat(totals("", callers)).containsExactly(all);
    sameFacetsWithoutQuery(callers);
  }

  /**
   * A one-word query (PostgreSQL: its total from the document frequencies, its page from the
   * rank index) totals, orders and pages as the same word matched on the records does
   * ({@code -word} keeps it off that path), for every caller; a cursor walks it in that order.
   */
  @Test
  void aOneWordQueryRanksCountsAndPagesAsTheRecordsDo() {
    String[][] callers = {{}, bearer(alice.token()), bearer(bob.token()), bearer(adminToken)};
    for (String[] caller : callers) {
      JsonNode ranked = json(api.get("/api/records/?size=100&q=ocean", caller));
      JsonNode matched = json(api.get("/api/records/?size=100&q=" + encode("ocean -zz" + marker), caller));
      assertThat(ranked.path("hits").path("total")).isEqualTo(matched.path("hits").path("total"));
      List<String> order = hitIds(ranked);
      assertThat(order).isEqualTo(hitIds(matched)).isNotEmpty();
      List<String> walked = new ArrayList<>();
      String next = "/api/records/?size=2&q=ocean&cursor=";
      for (int pages = 0; next != null && pages < 4; pages++) {
        JsonNode body = json(api.get(next, caller));
        assertThat(body.path("hits").path("total")).isEqualTo(ranked.path("hits").path("total"));
        walked.addAll(hitIds(body));
        next = body.path("links").has("next")
            ? body.path("links").path("next").asString().substring(api.baseUrl().length()) : null;
      }
      assertThat(walked).isEqualTo(order.subList(0, walked.size()));
      assertThat(hitIds(json(api.get("/api/records/?size=2&page=2&q=ocean", caller))))
          .isEqualTo(order.subList(2, Math.min(4, order.size())));
    }
    // Its facets (PostgreSQL: counted per word), as those of the same records matched otherwise.
    for (String[] caller : callers) {
      for (String q : new String[] {"ocean", "title:ocean", "\"deep ocean\""}) {
        String facets = "/api/records/?size=1&facets=keyword,type,year,license&q=";
        assertThat(json(api.get(facets + encode(q), caller)).path("aggregations")).as(q)
            .isEqualTo(json(api.get(facets + encode(q + " -zz" + marker), caller)).path("aggregations"));
      }
    }
  }

  private static List<String> hitIds(JsonNode body) {
    List<String> hits = new ArrayList<>();
    body.path("hits").path("hits").forEach(hit -> hits.add(hit.path("id").asString()));
    return hits;
  }

  private long[] totals(String query, String[][] callers) {
    long[] totals = new long[callers.length];
    for (int i = 0; i < callers.length; i++) {
      HttpResponse<String> response = api.get("/api/records/?size=1&q=" + encode(query), callers[i]);
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
      totals[i] = json(response).path("hits").path("total").asLong();
    }
    return totals;
  }

  private void sameFacetsWithoutQuery(String[][] callers) {
    for (String[] caller : callers) {
      JsonNode counted = json(api.get("/api/records/?size=1&facets=keyword,type,year,license", caller));
      JsonNode matched = json(api.get("/api/records/?size=1&facets=keyword,type,year,license&q="
          + encode("-zz" + marker), caller));
      assertThat(counted.path("hits").path("total").asLong()).isEqualTo(matched.path("hits").path("total").asLong());
      assertThat(counted.path("aggregations")).isEqualTo(matched.path("aggregations"));
    }
  }

  static Map<String, Long> buckets(JsonNode body, String facet) {
    Map<String, Long> buckets = new LinkedHashMap<>();
    body.path("aggregations").path(facet).path("buckets")
        .forEach(b -> buckets.put(b.path("key").asString(), b.path("doc_count").asLong()));
    return buckets;
  }

  @Test
  void aCursorWalksTheWholeResultSetInOrder() {
    for (String sort : new String[] {"mostrecent", "title", "bestmatch"}) {
      String next = "/api/records/?q=" + encode(marker + " heat OR ice OR hidden") + "&size=2&sort=" + sort + "&cursor=";
      List<String> walked = new ArrayList<>();
      for (int pages = 0; next != null; pages++) {
        assertThat(pages).isLessThan(10);
        HttpResponse<String> response = api.get(next, bearer(alice.token()));
        assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
        JsonNode body = json(response);
        assertThat(body.path("hits").path("total").asInt()).isEqualTo(5);
        body.path("hits").path("hits").forEach(hit -> walked.add(ids.get(hit.path("id").asString())));
        next = body.path("links").has("next")
            ? body.path("links").path("next").asString().substring(api.baseUrl().length()) : null;
        if (next != null) {
          assertThat(next).contains("cursor=").doesNotContain("page=");
        }
      }
      List<String> paged = names(api.get("/api/records/?size=100&sort=" + sort + "&q="
          + encode(marker + " heat OR ice OR hidden"), bearer(alice.token())));
      assertThat(walked).as(sort).isEqualTo(paged).hasSize(5);
    }
  }

  @Test
  void aCursorIsRefusedWhenTamperedWithOrUsedForAnotherQuery() {
    JsonNode first = json(api.get("/api/records/?q=" + encode(marker) + "&size=1&cursor="));
    String next = first.path("links").path("next").asString();
    String cursor = java.net.URLDecoder.decode(next.substring(next.indexOf("cursor=") + 7), StandardCharsets.UTF_8);
    assertThat(api.get("/api/records/?q=" + encode(marker) + "&size=1&cursor=" + encode(cursor)).statusCode())
        .isEqualTo(200);

    String payload = cursor.substring(0, cursor.indexOf('.'));
    byte[] bytes = java.util.Base64.getUrlDecoder().decode(payload);
    bytes[bytes.length - 1] ^= 1;
    String tampered = java.util.Base64.getUrlEncoder().withoutPadding().encodeToString(bytes)
        + cursor.substring(cursor.indexOf('.'));
    for (String bad : new String[] {tampered, cursor + "x", "garbage", cursor.substring(0, cursor.indexOf('.'))}) {
      HttpResponse<String> refused = api.get("/api/records/?q=" + encode(marker) + "&size=1&cursor=" + encode(bad));
      assertThat(refused.statusCode()).as(bad).isEqualTo(400);
      assertThat(json(refused).path("message").asString()).startsWith("Invalid cursor");
    }
    HttpResponse<String> other = api.get("/api/records/?q=" + encode(marker + " heat") + "&size=1&cursor=" + encode(cursor));
    assertThat(other.statusCode()).isEqualTo(400);
    assertThat(json(other).path("message").asString()).contains("another query");
    assertThat(api.get("/api/records/?q=x&cursor=&page=2").statusCode()).isEqualTo(400);
  }

  @Test
  void pagingByNumberStopsAtTenThousand() {
    HttpResponse<String> beyond = api.get("/api/records/?page=101&size=100");
    assertThat(beyond.statusCode()).isEqualTo(400);
    assertThat(json(beyond).path("message").asString()).contains("10000").contains("cursor");
    JsonNode last = json(api.get("/api/records/?q=" + encode(marker) + "&page=5000&size=2"));
    assertThat(last.path("hits").path("hits")).isEmpty();
    assertThat(last.path("links").has("next")).isFalse();
  }

  @Test
  void oversizedQueriesAndControlCharactersAre400() {
    Map<String, String> cases = new LinkedHashMap<>();
    cases.put("ocean OR ".repeat(1000) + "ocean", "at most 500 characters");
    cases.put("x".repeat(10 * 1024), "at most 500 characters");
    cases.put("a1 OR ".repeat(60) + "a1", "at most 20 terms");
    cases.put("ocean\u0007bell", "control character U+0007");
    cases.put("ocean\u0000", "control character U+0000");
    cases.forEach((q, problem) -> {
      HttpResponse<String> response = api.get("/api/records/?q=" + encode(q));
      assertThat(response.statusCode()).as(problem).isEqualTo(400);
      assertThat(response.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
      assertThat(json(response).path("message").asString()).contains(problem);
      assertThat(json(response).path("errors").get(0).path("position").isInt()).isTrue();
    });
    for (String bad : new String[] {"facets=colour", "year=abc", "type=" + "x".repeat(201), "cursor=%00"}) {
      HttpResponse<String> response = api.get("/api/records/?" + bad);
      assertThat(response.statusCode()).as(bad).isEqualTo(400);
      assertThat(json(response).path("status").asInt()).isEqualTo(400);
    }
  }

  @ParameterizedTest
  @CsvSource(delimiter = '|', quoteCharacter = '~', value = {
      "\"unbalanced|1|never closed",
      "ocean \"deep sea|7|never closed",
      "-|1|'-' must be followed",
      "year:abc|6|'year:' takes a year",
      "colour:red|1|unknown field",
      "a*|1|a prefix needs",
  })
  void badQueriesAre400WithThePosition(String q, int position, String problem) {
    HttpResponse<String> response = api.get("/api/records/?q=" + encode(q));
    assertThat(response.statusCode()).isEqualTo(400);
    JsonNode body = json(response);
    assertThat(body.path("status").asInt()).isEqualTo(400);
    assertThat(body.path("message").asString()).contains("position " + position).contains(problem);
    assertThat(body.path("errors").get(0).path("field").asString()).isEqualTo("q");
    assertThat(body.path("errors").get(0).path("position").asInt()).isEqualTo(position);
  }
}
