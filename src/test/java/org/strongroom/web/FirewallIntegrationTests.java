package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;

/**
 * Spring Security's firewall, with the header rules of {@link FirewallText}: a header value
 * carrying a control character the container lets through (the C1 controls, bytes 0x80-0x9F
 * read as ISO-8859-1) is refused with 400 JSON when it is read, and nothing is written; so is
 * a path that is not normalised or hides a separator in an encoding (refused by Tomcat or by
 * the firewall, whichever sees it first).
 */
@IntegrationTest
class FirewallIntegrationTests {

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  long total() {
    return ApiClient.json(api.get("/api/records/")).path("hits").path("total").asLong();
  }

  @Test
  void aTokenFollowedByAControlCharacterIsRefusedAndNothingIsWritten() throws IOException {
    TestUsers.User user = users.user();
    long before = total();
    String body = "{\"metadata\": {\"title\": \"firewall\"}, \"access\": {\"record\": \"public\"}}";

    String response = exchange("POST /api/records/ HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n"
        + "Authorization: Bearer " + user.token() + "\u0085\r\n\r\n" + body);

    assertThat(response).startsWith("HTTP/1.1 400");
    assertThat(response).contains("{\"message\":\"Bad request\",\"status\":400}");
    assertThat(response).doesNotContain("Exception").doesNotContain(user.token());
    assertThat(total()).isEqualTo(before);
  }

  /**
   * Spellings of {@code /api/records/} that Tomcat would map to it after normalising or
   * decoding: each a working record creation but for its path, each refused before it.
   */
  @Test
  void aRecordCreationOnAPathThatIsNotNormalisedIsRefusedAndNothingIsWritten() throws IOException {
    TestUsers.User user = users.user();
    long before = total();
    String body = "{\"metadata\": {\"title\": \"firewall\"}, \"access\": {\"record\": \"public\"}}";

    for (String path : new String[] {"/api/records/../records/", "/api/x/../records/", "/api/./records/",
        "/api//records/", "/api/records/%2e/", "/api/records;x=1/", "/api%2frecords/", "/api%5crecords/",
        "/api/records/%3b/", "/api/records/%25/"}) {
      String response = exchange("POST " + path + " HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
          + "Content-Type: application/json\r\nContent-Length: " + body.length() + "\r\n"
          + "Authorization: Bearer " + user.token() + "\r\n\r\n" + body);

      assertThat(response).as(path).startsWith("HTTP/1.1 400");
      // The API's JSON error where the path as sent starts with /api/, the HTML error page elsewhere.
      assertThat(response).as(path).contains(path.startsWith("/api/")
          ? "{\"message\":\"Bad request\",\"status\":400}" : "<p>Bad request</p>");
      assertThat(response).as(path).doesNotContain("Exception").doesNotContain(user.token());
    }
    assertThat(total()).isEqualTo(before);
  }

  @Test
  void theSameRequestWithoutTheControlCharacterIsServed() throws IOException {
    TestUsers.User user = users.user();

    String response = exchange("GET /api/records/?size=1 HTTP/1.1\r\nHost: localhost\r\nConnection: close\r\n"
        + "Accept: application/json,\ttext/plain\r\nAuthorization: Bearer " + user.token() + "\r\n\r\n");

    assertThat(response).startsWith("HTTP/1.1 200");
    HttpResponse<String> after = api.get("/api/records/?size=1", ApiClient.bearer(user.token()));
    assertThat(after.statusCode()).isEqualTo(200);
  }

  /** Sends a request as ISO-8859-1 bytes (one byte per character) and reads the whole answer. */
  private String exchange(String request) throws IOException {
    try (SSLSocket socket = api.rawSocket()) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.ISO_8859_1);
    }
  }
}
