package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.files.FilesTestSupport.blobNames;
import static org.strongroom.files.FilesTestSupport.files;
import static org.strongroom.files.FilesTestSupport.getBytes;
import static org.strongroom.files.FilesTestSupport.put;
import static org.strongroom.files.FilesTestSupport.record;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.TcpForwarder;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;

/**
 * The S3 endpoint unreachable (s3proxy behind a forwarder the test cuts): an upload gets
 * {@code 503} JSON, nothing is recorded or left staged, and uploads work again once the
 * endpoint is back, without a restart.
 */
@IntegrationTest
@DirtiesContext
@TestPropertySource(properties = "strongroom.storage.local.path=target/test-files/s3-outage-${random.uuid}")
class S3OutageIntegrationTests {

  static final String BUCKET = "strongroom-outage-it";
  static final TcpForwarder FORWARDER = startForwarder();

  @DynamicPropertySource
  static void s3(DynamicPropertyRegistry registry) {
    S3ProxyServer.createBucket(BUCKET);
    registry.add("strongroom.storage.type", () -> "s3");
    registry.add("strongroom.storage.s3.endpoint", () -> "http://127.0.0.1:" + FORWARDER.port());
    registry.add("strongroom.storage.s3.bucket", () -> BUCKET);
    registry.add("strongroom.storage.s3.access-key-id", () -> S3ProxyServer.ACCESS_KEY);
    registry.add("strongroom.storage.s3.secret-access-key-sealed", S3ProxyServer::sealedSecret);
  }

  @AfterAll
  static void stopForwarder() throws IOException {
    FORWARDER.close();
  }

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  @Autowired
  BlobStore blobs;

  @Autowired
  UploadStaging staging;

  @Test
  void uploadsGet503WhileTheEndpointIsAwayNothingIsRecordedAndServiceRecovers() throws Exception {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    byte[] body = "measurements\n".getBytes(StandardCharsets.UTF_8);
    assertThat(put(api, files(id) + "/before.txt", body, bearer(alice.token())).statusCode()).isEqualTo(201);
    List<String> blobsBefore = blobNames(blobs);

    FORWARDER.cut();
    HttpResponse<String> refused;
    try {
      refused = put(api, files(id) + "/during.txt", body, bearer(alice.token()));
    } finally {
      FORWARDER.restore();
    }
    assertThat(refused.statusCode()).as(refused.body()).isEqualTo(503);
    assertThat(json(refused).path("status").asInt()).isEqualTo(503);
    assertThat(refused.body()).doesNotContain("Exception").doesNotContain("127.0.0.1").doesNotContain("S3 bucket");
    assertThat(json(api.get(files(id), bearer(alice.token()))).path("entries")).hasSize(1);
    assertThat(getBytes(api, files(id) + "/during.txt/content", bearer(alice.token())).statusCode()).isEqualTo(404);
    assertThat(blobNames(blobs)).containsExactlyInAnyOrderElementsOf(blobsBefore);
    assertThat(staging.count()).isZero();

    HttpResponse<String> after = put(api, files(id) + "/during.txt", body, bearer(alice.token()));
    assertThat(after.statusCode()).as(after.body()).isEqualTo(201);
    assertThat(getBytes(api, files(id) + "/during.txt/content", bearer(alice.token())).body()).isEqualTo(body);
  }

  private static TcpForwarder startForwarder() {
    try {
      return new TcpForwarder("127.0.0.1", S3ProxyServer.endpoint().getPort());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
