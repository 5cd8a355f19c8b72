package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.IOException;
import java.io.InputStream;
import java.io.OutputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;

/**
 * {@code max-content-length} (8 KiB here): a declared or a chunked body above it gets 413 JSON,
 * answered before the client has finished sending, and nothing is written.
 */
@IntegrationTest
@TestPropertySource(properties = "strongroom.max-content-length=8KB")
class BodySizeIntegrationTests {

  static final int LIMIT = 8 * 1024;

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  String recordJson(int size) {
    return "{\"metadata\": {\"title\": \"big\", \"description\": \"" + "x".repeat(size) + "\"}, "
        + "\"access\": {\"record\": \"public\"}}";
  }

  long total() {
    return ApiClient.json(api.get("/api/records/")).path("hits").path("total").asLong();
  }

  @Test
  void declaredLengthAboveTheLimitIsRefused() {
    TestUsers.User user = users.user();
    long before = total();

    HttpResponse<String> response = api.post("/api/records/", recordJson(LIMIT), ApiClient.bearer(user.token()));

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(ApiClient.json(response).path("status").asInt()).isEqualTo(413);
    assertThat(ApiClient.json(response).path("message").asString()).startsWith("Request body too large");
    assertThat(total()).isEqualTo(before);
  }

  @Test
  void chunkedBodyAboveTheLimitIsRefused() {
    TestUsers.User user = users.user();
    long before = total();
    byte[] body = recordJson(LIMIT).getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> response = new PerimeterClient(api).send(new PerimeterClient(api)
        .request("/api/records/", "Content-Type", "application/json", "Authorization", "Bearer " + user.token())
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new ByteArrayInputStream(body))).build());

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(ApiClient.json(response).path("message").asString()).startsWith("Request body too large");
    assertThat(total()).isEqualTo(before);
  }

  @Test
  void bodiesWithinTheLimitStillWork() {
    HttpResponse<String> response = api.post("/api/records/", recordJson(1000),
        ApiClient.bearer(users.user().token()));

    assertThat(response.statusCode()).isEqualTo(201);
  }

  @Test
  void declaredHugeBodyIsAnsweredBeforeItIsSent() throws IOException {
    String head = "POST /api/records/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Content-Length: 10000000000\r\n\r\n{\"metadata\":";
    assertThat(exchange(head)).startsWith("HTTP/1.1 413");
  }

  @Test
  void endlessChunkedBodyIsCutOffAtTheLimit() throws IOException {
    String chunk = Integer.toHexString(LIMIT * 2) + "\r\n" + "x".repeat(LIMIT * 2) + "\r\n";
    String head = "POST /api/csp-report HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/csp-report\r\n"
        + "Transfer-Encoding: chunked\r\n\r\n" + chunk;
    // The final zero-length chunk is never sent: the server must answer without the whole body.
    assertThat(exchange(head)).startsWith("HTTP/1.1 413");
  }

  @Test
  void aBodyLongerThanItsDeclaredLengthIsReadOnlyThatFar() throws IOException {
    // Bodies of declared length are not counted as they are read (BodySizeFilter.mayExceed):
    // the container must stop at the declared length, whatever the client sends after it.
    TestUsers.User user = users.user();
    long before = total();
    String head = "POST /api/records/ HTTP/1.1\r\nHost: localhost\r\nContent-Type: application/json\r\n"
        + "Authorization: Bearer " + user.token() + "\r\nContent-Length: 100\r\n\r\n" + recordJson(LIMIT * 2);

    assertThat(exchange(head)).startsWith("HTTP/1.1 400");
    assertThat(total()).isEqualTo(before);
  }

  /** Sends the start of a request and reads the status line without finishing the body. */
  private String exchange(String head) throws IOException {
    try (SSLSocket socket = api.rawSocket()) {
      OutputStream out = socket.getOutputStream();
      out.write(head.getBytes(StandardCharsets.UTF_8));
      out.flush();
      InputStream in = socket.getInputStream();
      byte[] buffer = new byte[64];
      int n = in.readNBytes(buffer, 0, 12);
      return new String(buffer, 0, n, StandardCharsets.US_ASCII);
    }
  }
}
