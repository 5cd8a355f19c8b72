package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * Bad input gets a clear 4xx JSON error, writes nothing, leaks nothing (no stack trace, SQL or
 * path), and the server keeps serving.
 */
@IntegrationTest
class RecordsBadInputIntegrationTests {

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  @Autowired
  JdbcClient jdbc;

  TestUsers.User alice;
  long recordsBefore;

  @BeforeEach
  void setUp() {
    alice = users.user();
    recordsBefore = countRecords();
  }

  @AfterEach
  void nothingWrittenAndStillServing() {
    assertThat(countRecords()).as("records written by a refused request").isEqualTo(recordsBefore);
    assertThat(api.get("/api/records/?size=1").statusCode()).isEqualTo(200);
  }

  long countRecords() {
    return jdbc.sql("select count(*) from records").query(Long.class).single();
  }

  static void assertCleanError(HttpResponse<String> response, int status) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(status);
    assertThat(response.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
    JsonNode body = json(response);
    assertThat(body.path("status").asInt()).isEqualTo(status);
    assertThat(body.path("message").asString()).isNotBlank();
    assertThat(response.body()).doesNotContainIgnoringCase("exception")
        .doesNotContain("at org.").doesNotContain("at java.").doesNotContainIgnoringCase("select ")
        .doesNotContainIgnoringCase("insert ").doesNotContain("/work/").doesNotContain("target/")
        .doesNotContainIgnoringCase("jdbc");
  }

  HttpResponse<String> post(String body) {
    return api.post("/api/records/", body, bearer(alice.token()));
  }

  @ParameterizedTest
  @ValueSource(strings = {
      "{", "not json", "[]", "\"a string\"", "null", "42", "",
      "{\"metadata\": {\"title\": \"x\"}} trailing",
      "{\"metadata\": {\"title\": \"a\", \"title\": \"b\"}}"})
  void malformedJson(String body) {
    assertCleanError(post(body), 400);
  }

  @Test
  void wrongTypes() {
    assertCleanError(post("{\"metadata\": {\"title\": 42}}"), 400);
    assertCleanError(post("{\"metadata\": \"title\"}"), 400);
    assertCleanError(post("{\"metadata\": {\"title\": \"x\", \"contributors\": \"me\"}}"), 400);
    assertCleanError(post("{\"metadata\": {\"title\": \"x\"}, \"access\": {\"record\": 1}}"), 400);
    assertCleanError(post("{\"metadata\": {\"title\": \"x\"}, \"access\": \"public\"}"), 400);
  }

  @Test
  void validationErrorsNameTheField() {
    HttpResponse<String> missingTitle = post("{\"metadata\": {\"description\": \"no title\"}}");
    assertCleanError(missingTitle, 400);
    JsonNode errors = json(missingTitle).path("errors");
    assertThat(errors.get(0).path("field").asString()).isEqualTo("metadata.title");
    assertThat(errors.get(0).path("messages").get(0).asString()).isNotBlank();

    HttpResponse<String> badContributor = post("{\"metadata\": {\"title\": \"x\", \"contributors\": [{\"nom\": \"y\"}]}}");
    assertCleanError(badContributor, 400);
    assertThat(badContributor.body()).contains("metadata.contributors");
  }

  @Test
  void unknownFields() {
    HttpResponse<String> top = post("{\"metadata\": {\"title\": \"x\"}, \"owner\": 1}");
    assertCleanError(top, 400);
    assertThat(json(top).path("errors").get(0).path("field").asString()).isEqualTo("owner");
    assertThat(top.body()).isEqualTo("{\"message\":\"A validation error occurred.\",\"status\":400,"
        + "\"errors\":[{\"field\":\"owner\",\"messages\":[\"unknown field\"]}]}");
    assertCleanError(post("{\"metadata\": {\"title\": \"x\", \"colour\": \"red\"}}"), 400);
    assertCleanError(post("{\"metadata\": {\"title\": \"x\"}, \"access\": {\"record\": \"public\", \"owner\": 2}}"), 400);
    assertCleanError(post("{\"metadata\": {\"title\": \"x\"}, \"access\": {\"record\": \"secret\"}}"), 400);
  }

  @Test
  void hugeStrings() {
    String title = "x".repeat(5000);
    assertCleanError(post("{\"metadata\": {\"title\": \"" + title + "\"}}"), 400);
    String description = "y".repeat(200_000);
    assertCleanError(post("{\"metadata\": {\"title\": \"t\", \"description\": \"" + description + "\"}}"), 400);
  }

  @Test
  void bodiesLargerThanTheRecordLimitAreRefusedWithoutBeingParsedWhole() {
    String padding = " ".repeat((int) RecordJson.MAX_BODY_BYTES + 10);
    assertCleanError(post("{\"metadata\": {\"title\": \"t\"}" + padding + "}"), 413);
  }

  @Test
  void invalidUtf8() {
    byte[] body = "{\"metadata\": {\"title\": \"bad \u0000\"}}".getBytes(StandardCharsets.UTF_8);
    byte[] broken = new byte[body.length + 2];
    System.arraycopy(body, 0, broken, 0, 26);
    broken[26] = (byte) 0xC3;
    broken[27] = (byte) 0x28;
    System.arraycopy(body, 26, broken, 28, body.length - 26);
    HttpResponse<String> response = api.send(api.request("/api/records/")
        .header("Content-Type", "application/json").header("Authorization", "Bearer " + alice.token())
        .POST(HttpRequest.BodyPublishers.ofByteArray(broken)).build());
    assertCleanError(response, 400);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sort=random", "sort=", "page=-1", "page=0", "page=abc", "size=-5", "size=0",
      "size=1e3", "page=99999999999", "page=1001&size=10", "page=101&size=100"})
  void badListParameters(String query) {
    HttpResponse<String> response = api.get("/api/records/?" + query);
    if (query.equals("sort=")) {
      assertThat(response.statusCode()).isEqualTo(200);
    } else {
      assertCleanError(response, 400);
    }
  }

  @Test
  void overlongQuery() {
    assertCleanError(api.get("/api/records/?q=" + "a".repeat(600)), 400);
  }

  @Test
  void veryLongRecordId() {
    String id = "k".repeat(10_000);
    assertCleanError(api.get("/api/records/" + id), 404);
    assertCleanError(api.put("/api/records/" + id, "{\"metadata\": {\"title\": \"x\"}}", bearer(alice.token())), 404);
    assertCleanError(api.delete("/api/records/" + id, bearer(alice.token())), 404);
  }

  @Test
  void idsThatLookLikeSqlOrPaths() {
    assertCleanError(api.get("/api/records/'%20or%20'1'='1"), 404);
    HttpResponse<String> traversal = api.get("/api/records/..%2F..%2Fetc%2Fpasswd");
    // Tomcat refuses encoded slashes itself (400); either way the answer is our JSON error.
    assertCleanError(traversal, traversal.statusCode() == 400 ? 400 : 404);
  }

  @ParameterizedTest
  @ValueSource(strings = {"Bearer", "Bearer ", "Bearer garbage", "Basic dXNlcjpwYXNz", "sr_abc",
      "Bearer sr_0000000000000000000000000000000000000000000000", "Token x", "Bearer " + "a"})
  void garbageAuthorizationHeaders(String header) {
    HttpResponse<String> read = api.get("/api/records/?size=1", "Authorization", header);
    assertCleanError(read, 401);
    HttpResponse<String> write = api.post("/api/records/", "{\"metadata\": {\"title\": \"x\"}}", "Authorization", header);
    assertCleanError(write, 401);
    assertThat(json(write).path("message").asString()).isEqualTo(json(read).path("message").asString());
  }

  @Test
  void missingAuthorizationOnWrites() {
    assertCleanError(api.post("/api/records/", "{\"metadata\": {\"title\": \"x\"}}"), 401);
  }

  @Test
  void unsupportedMethodAndUnknownPaths() {
    HttpResponse<String> patch = api.send(api.request("/api/records/").method("PATCH",
        HttpRequest.BodyPublishers.ofString("{}")).header("Authorization", "Bearer " + alice.token()).build());
    assertThat(patch.statusCode()).isBetween(400, 499);
    assertThat(patch.body()).doesNotContainIgnoringCase("exception");
    HttpResponse<String> unknown = api.get("/api/no-such-thing", bearer(alice.token()));
    assertThat(unknown.statusCode()).isBetween(400, 499);
    assertThat(unknown.headers().firstValue("Content-Type").orElse("")).startsWith("application/json");
  }

  @Test
  void prettyPrintIndentsErrorsToo() {
    HttpResponse<String> response = api.get("/api/records/?sort=bogus&prettyprint=1");
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("\n  \"message\"");
  }
}
