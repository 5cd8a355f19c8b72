package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.files.FilesTestSupport.auth;
import static org.strongroom.files.FilesTestSupport.put;
import static org.strongroom.files.FilesTestSupport.record;
import static org.strongroom.support.ApiClient.json;

import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;


import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;
import org.strongroom.support.Eventually;
import java.time.Duration;

/**
 * Size limits, quotas and the type allow-list: refused early (before the body is read whole,
 * also when it arrives chunked without a Content-Length), with JSON, and nothing kept.
 */
@IntegrationTest
@TestPropertySource(properties = {
    "strongroom.storage.local.path=target/test-files/limits-${random.uuid}",
    "strongroom.max-content-length=4MB",
    "strongroom.files.quota-per-user=3MB",
    "strongroom.files.allowed-types=text/plain, image/png, application/octet-stream"})
class FileUploadLimitsIntegrationTests {

  static final int MIB = 1024 * 1024;

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  @Autowired
  BlobStore blobs;

  @Autowired
  UploadStaging staging;

  @Test
  void aDeclaredOversizeBodyIsRefusedBeforeItIsSent() throws Exception {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    // Not one byte of the 10 GiB body is sent: the answer must come anyway.
    String response = FilesTestSupport.declaredUpload(api, alice.token(), "/api/records/" + id + "/files/big.bin",
        10L * 1024 * 1024 * 1024);
    assertThat(response).startsWith("HTTP/1.1 413");
    assertThat(response).contains("\"status\":413").contains("Request body too large");
    assertNothingKept(id);
  }

  @Test
  void aChunkedOversizeBodyIsCutOffAtTheLimit() throws Exception {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    InputStream endless = new InputStream() {
      long sent;

      @Override
      public int read() {
        return sent++ < 64L * MIB ? 'a' : -1;
      }

      @Override
      public int read(byte[] b, int off, int len) {
        if (sent >= 64L * MIB) {
          return -1;
        }
        java.util.Arrays.fill(b, off, off + len, (byte) 'a');
        sent += len;
        return len;
      }
    };
    HttpResponse<String> response;
    try {
      response = ApiClient.http11().send(ApiClient.withHeaders(
          api.request("/api/records/" + id + "/files/chunked.txt"), auth(alice))
          .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> endless)).build(), HttpResponse.BodyHandlers.ofString());
      // Cut off at the smaller of the two limits: here the quota (3 MB < max-content-length 4 MB),
      // so storage the user lacks (507), as for a chunked body within the size limit.
      assertThat(response.statusCode()).isEqualTo(507);
      assertThat(json(response).path("status").asInt()).isEqualTo(507);
    } catch (java.io.IOException connectionClosedAfterTheRefusal) {
      // The server may close the stream once it has refused; what matters is what was kept.
    }
    assertNothingKept(id);
  }

  /**
   * A file within {@code max-content-length} but larger than the whole quota lacks storage, as
   * one that would fill the quota does: 507 with the JSON error, declared or chunked, and
   * nothing kept; only a body above {@code max-content-length} is 413.
   */
  @Test
  void aFileLargerThanTheWholeQuotaOrFillingItIs507AndOnlyAboveTheSizeLimit413() throws Exception {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    java.util.Set<String> blobsBefore = new java.util.HashSet<>(FilesTestSupport.blobNames(blobs));
    String declared = FilesTestSupport.declaredUpload(api, alice.token(), "/api/records/" + id + "/files/huge.bin",
        3 * MIB + 1);
    assertThat(declared).startsWith("HTTP/1.1 507").contains("\"status\":507")
        .contains("larger than your whole storage quota of 3145728 bytes");
    assertNothingKept(id);

    HttpResponse<String> chunked = ApiClient.http11().send(ApiClient.withHeaders(
        api.request("/api/records/" + id + "/files/huge.bin"), auth(alice))
        .PUT(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(new byte[3 * MIB + MIB / 2])))
        .build(), HttpResponse.BodyHandlers.ofString());
    assertThat(chunked.statusCode()).isEqualTo(507);
    assertThat(chunked.headers().firstValue("Content-Type").orElseThrow()).startsWith("application/json");
    assertThat(json(chunked).path("status").asInt()).isEqualTo(507);
    assertThat(json(chunked).path("message").asString()).contains("whole storage quota");
    assertNothingKept(id);
    assertThat(FilesTestSupport.blobNames(blobs)).containsExactlyInAnyOrderElementsOf(blobsBefore);

    String aboveTheLimit = FilesTestSupport.declaredUpload(api, alice.token(), "/api/records/" + id
        + "/files/huge.bin", 4 * MIB + 1);
    assertThat(aboveTheLimit).startsWith("HTTP/1.1 413").contains("\"status\":413");
    assertNothingKept(id);

    for (int i = 0; i < 3; i++) {
      assertThat(put(api, "/api/records/" + id + "/files/part" + i + ".bin", new byte[MIB - 10], auth(alice))
          .statusCode()).isEqualTo(201);
    }
    HttpResponse<String> full = put(api, "/api/records/" + id + "/files/part3.bin", new byte[100], auth(alice));
    assertThat(full.statusCode()).isEqualTo(507);
    assertThat(json(full).path("status").asInt()).isEqualTo(507);
    // Replacing a file with a smaller one frees room rather than counting twice.
    assertThat(put(api, "/api/records/" + id + "/files/part0.bin", new byte[10], auth(alice)).statusCode()).isEqualTo(200);
    assertThat(put(api, "/api/records/" + id + "/files/part3.bin", new byte[100], auth(alice)).statusCode()).isEqualTo(201);
    // Another user has their own quota.
    TestUsers.User bob = users.user();
    String bobs = record(api, bob, "public");
    assertThat(put(api, "/api/records/" + bobs + "/files/b.bin", new byte[MIB], auth(bob)).statusCode()).isEqualTo(201);
  }

  @Test
  void typesOutsideTheAllowListAre415WhateverTheClientClaims() throws Exception {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    HttpResponse<String> html = put(api, "/api/records/" + id + "/files/page.txt",
        FileServingIntegrationTests.HTML.getBytes(StandardCharsets.UTF_8), auth(alice, "Content-Type", "text/plain"));
    assertThat(html.statusCode()).isEqualTo(415);
    assertThat(json(html).path("message").asString()).isEqualTo("Files of type text/html are not accepted here");
    assertNothingKept(id);
    assertThat(put(api, "/api/records/" + id + "/files/notes.txt", "plain".getBytes(StandardCharsets.UTF_8), auth(alice))
        .statusCode()).isEqualTo(201);
  }

  @Test
  void aFormEncodedPutIsStreamedNotParsedIntoMemory() {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    HttpResponse<String> response = put(api, "/api/records/" + id + "/files/form.txt",
        "a=1&b=2".getBytes(StandardCharsets.UTF_8), auth(alice, "Content-Type", "application/x-www-form-urlencoded"));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    assertThat(json(response).path("size").asInt()).isEqualTo(7);
  }

  private void assertNothingKept(String id) throws Exception {
    Eventually.until(Duration.ofSeconds(10), "the staging folder to be empty", () -> {
      try {
        return staging.count() == 0;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
    assertThat(json(api.get("/api/records/" + id + "/files")).path("entries")).isEmpty();
  }

}
