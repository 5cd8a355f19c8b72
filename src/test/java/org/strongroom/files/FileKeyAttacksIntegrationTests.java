package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.files.FilesTestSupport.blobNames;
import static org.strongroom.files.FilesTestSupport.record;
import static org.strongroom.support.ApiClient.json;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;

/**
 * Keys sent raw in the URL, as an attacker would: traversal, separators, NUL, CRLF, bidi
 * overrides, too long, percent- and double-encoded. Each gets a 400 JSON error and nothing
 * is written.
 */
@IntegrationTest
@TestPropertySource(properties = FilesLocalIntegrationTests.LOCAL_STORAGE)
class FileKeyAttacksIntegrationTests {

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  @Autowired
  BlobStore blobs;

  @Autowired
  UploadStaging staging;

  @ParameterizedTest
  @ValueSource(strings = {
      "..", "%2e%2e", "%2E%2E", "..%2F..%2Fetc%2Fpasswd", "a%2Fb", "a%5Cb", "..%5C..%5Cwin.ini",
      "%2e%2e%2f%2e%2e%2fetc", "%252e%252e%252f", "a%252Fb", "%25%32%65%25%32%65",
      "nul%00.txt", "crlf%0D%0ASet-Cookie:%20a=b", "cr%0D.txt", "lf%0A.txt", "tab%09.txt",
      "evil%E2%80%AEtxt.exe", "iso%E2%81%A6x", "rlm%E2%80%8F.txt", "overlong%C0%AE%C0%AE",
      "bad%FF.txt", "semi;colon.txt", "a;jsessionid=x"})
  void refusesHostileKeysWithJsonAndWritesNothing(String encodedKey) throws Exception {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    int before = blobNames(blobs).size();

    HttpResponse<String> response = api.send(HttpRequest.newBuilder(
            URI.create(api.baseUrl() + "/api/records/" + id + "/files/" + encodedKey))
        .header("Authorization", "Bearer " + alice.token())
        .PUT(HttpRequest.BodyPublishers.ofString("<script>alert(1)</script>")).build());

    assertThat(response.statusCode()).as(encodedKey + " -> " + response.body()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        t -> assertThat(t).startsWith("application/json"));
    assertThat(json(response).path("status").asInt()).isEqualTo(400);
    assertThat(json(response).path("message").asString()).isNotBlank();
    assertThat(json(api.get("/api/records/" + id + "/files")).path("entries")).isEmpty();
    assertThat(blobNames(blobs)).hasSize(before);
    assertThat(staging.count()).isZero();
  }

  @ParameterizedTest
  @ValueSource(ints = {256, 300, 1000})
  void refusesKeysLongerThan255Bytes(int bytes) {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    String key = "é".repeat(bytes / 2) + (bytes % 2 == 1 ? "a" : "");
    HttpResponse<String> response = FilesTestSupport.put(api, "/api/records/" + id + "/files/"
        + org.springframework.web.util.UriUtils.encodePathSegment(key, java.nio.charset.StandardCharsets.UTF_8),
        new byte[] {1}, "Authorization", "Bearer " + alice.token());
    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(json(response).path("message").asString()).isEqualTo("File key must be at most 255 bytes in UTF-8");
  }

  @org.junit.jupiter.api.Test
  void acceptsA255ByteKeyAndNormalizesToNfc() {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    String nfd = "Zoe\u0308-" + "a".repeat(248);
    HttpResponse<String> response = FilesTestSupport.put(api, "/api/records/" + id + "/files/"
        + org.springframework.web.util.UriUtils.encodePathSegment(nfd, java.nio.charset.StandardCharsets.UTF_8),
        new byte[] {1}, "Authorization", "Bearer " + alice.token());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(json(response).path("key").asString()).isEqualTo("Zo\u00eb-" + "a".repeat(248));
    assertThat(List.of(blobNames(blobs).toArray())).allSatisfy(name -> assertThat(name.toString()).matches("[0-9a-f]{32}"));
  }
}
