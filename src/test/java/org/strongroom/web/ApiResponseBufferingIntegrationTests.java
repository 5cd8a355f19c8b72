package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;

import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.ObjectMapper;

/**
 * API responses leave in one piece with a Content-Length (not chunked after an early flush),
 * and a body larger than the response buffer still arrives whole.
 */
@IntegrationTest
class ApiResponseBufferingIntegrationTests {

  @Autowired ApiClient api;
  @Autowired TestUsers users;

  private HttpResponse<byte[]> http11Get(String path, String token) throws Exception {
    HttpClient client = ApiClient.http11();
    HttpRequest request = api.request(path).header("Authorization", "Bearer " + token).GET().build();
    return client.send(request, HttpResponse.BodyHandlers.ofByteArray());
  }

  @Test
  void aSmallJsonResponseCarriesItsContentLengthAndIsNotChunked() throws Exception {
    TestUsers.User alice = users.user();
    String created = ApiClient.json(api.post("/api/records/",
        "{\"metadata\": {\"title\": \"Buffered\"}, \"access\": {\"record\": \"public\"}}", bearer(alice.token())))
        .get("id").asString();
    HttpResponse<byte[]> read = http11Get("/api/records/" + created, alice.token());
    assertThat(read.statusCode()).isEqualTo(200);
    assertThat(read.headers().firstValue("Transfer-Encoding")).isEmpty();
    assertThat(read.headers().firstValueAsLong("Content-Length")).hasValue(read.body().length);
    assertThat(new String(read.body(), StandardCharsets.UTF_8)).contains("\"Buffered\"");
    // Errors too, and the security headers are still there.
    HttpResponse<byte[]> missing = http11Get("/api/records/nothing-here", alice.token());
    assertThat(missing.statusCode()).isEqualTo(404);
    assertThat(missing.headers().firstValueAsLong("Content-Length")).hasValue(missing.body().length);
    assertThat(missing.headers().firstValue("Strict-Transport-Security")).isPresent();
  }

  @Test
  void aResponseLargerThanTheBufferArrivesWhole() throws Exception {
    TestUsers.User bob = users.user();
    String marker = "bufferbig" + System.nanoTime();
    String description = "y".repeat(3000);
    for (int i = 0; i < 12; i++) {
      assertThat(api.post("/api/records/", "{\"metadata\": {\"title\": \"" + marker + " " + i + "\", \"description\": \""
          + description + "\"}, \"access\": {\"record\": \"restricted\"}}", bearer(bob.token())).statusCode()).isEqualTo(201);
    }
    HttpResponse<byte[]> list = http11Get("/api/records/?size=100&q=" + marker, bob.token());
    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body().length).isGreaterThan(36_000);
    assertThat(new String(list.body(), StandardCharsets.UTF_8)).endsWith("}");
    JsonNode parsed = new ObjectMapper().readTree(list.body());
    assertThat(parsed.get("hits").get("total").asInt()).isEqualTo(12);
    assertThat(parsed.get("hits").get("hits").size()).isEqualTo(12);
  }
}
