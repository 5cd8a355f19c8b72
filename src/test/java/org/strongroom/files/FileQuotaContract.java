package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.files.FilesTestSupport.auth;
import static org.strongroom.files.FilesTestSupport.blobNames;
import static org.strongroom.files.FilesTestSupport.files;
import static org.strongroom.files.FilesTestSupport.getBytes;
import static org.strongroom.files.FilesTestSupport.put;
import static org.strongroom.files.FilesTestSupport.record;
import static org.strongroom.files.FilesTestSupport.sha256;
import static org.strongroom.support.ApiClient.json;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.Callable;
import java.util.concurrent.CyclicBarrier;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.TimeUnit;

import org.junit.jupiter.api.RepeatedTest;
import org.springframework.beans.factory.annotation.Autowired;
import org.strongroom.support.ApiClient;
import org.strongroom.support.TestUsers;
import org.strongroom.support.Eventually;
import java.time.Duration;
import tools.jackson.databind.JsonNode;

/**
 * The per-user quota attacked with concurrent uploads: however they interleave, what one user
 * has stored never exceeds the quota, each refused upload gets the quota's JSON error and
 * leaves no blob and no row, and the server goes on serving. Subclasses set the quota to
 * {@value #QUOTA} bytes and pick the database (row locks behave differently on H2 and
 * PostgreSQL).
 */
abstract class FileQuotaContract {

  static final int KIB = 1024;
  static final int QUOTA = 10 * KIB;
  static final int PARALLEL = 8;

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  @Autowired
  BlobStore blobs;

  @Autowired
  UploadStaging staging;

  @Autowired
  FileStore store;

  @RepeatedTest(5)
  void concurrentUploadsOfOneUserNeverTogetherExceedTheQuota() throws Exception {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    Set<String> blobsBefore = new HashSet<>(blobNames(blobs));
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    Random random = new Random();
    for (int i = 0; i < PARALLEL; i++) {
      byte[] body = new byte[3 * KIB];
      random.nextBytes(body);
      bodies.put("part-" + i + ".bin", body);
    }

    Map<String, HttpResponse<String>> responses = uploadAllAtOnce(alice, id, bodies);

    List<String> stored = new ArrayList<>();
    for (Map.Entry<String, HttpResponse<String>> response : responses.entrySet()) {
      int status = response.getValue().statusCode();
      assertThat(status).as(response.getValue().body()).isIn(201, 507);
      if (status == 201) {
        stored.add(response.getKey());
      } else {
        JsonNode error = json(response.getValue());
        assertThat(error.path("status").asInt()).isEqualTo(507);
        assertThat(error.path("message").asString()).contains("quota");
      }
    }
    // 3 × 3 KiB fit in 10 KiB and a fourth never does, whatever the order of arrival.
    assertThat(stored).hasSize(3);
    assertThat(store.bytesUploadedBy(alice.id())).isEqualTo(3L * 3 * KIB).isLessThanOrEqualTo(QUOTA);

    // Exactly the accepted files are listed and stored, intact; nothing of the refused ones remains.
    List<StoredFile> rows = store.list(id);
    assertThat(rows).extracting(StoredFile::key).containsExactlyInAnyOrderElementsOf(stored);
    for (StoredFile row : rows) {
      assertThat(row.sha256()).isEqualTo(sha256(bodies.get(row.key())));
      assertThat(getBytes(api, files(id) + "/" + row.key() + "/content").body()).isEqualTo(bodies.get(row.key()));
    }
    Set<String> added = new HashSet<>(blobNames(blobs));
    added.removeAll(blobsBefore);
    assertThat(added).containsExactlyInAnyOrderElementsOf(rows.stream().map(StoredFile::blob).toList());
    assertNoUploadInProgress();

    // The server keeps serving: freeing room lets the user upload again, others are unaffected.
    assertThat(api.delete(files(id) + "/" + stored.get(0), auth(alice)).statusCode()).isEqualTo(204);
    assertThat(put(api, files(id) + "/after.bin", new byte[3 * KIB], auth(alice)).statusCode()).isEqualTo(201);
    assertThat(put(api, files(id) + "/one-too-many.bin", new byte[3 * KIB], auth(alice)).statusCode()).isEqualTo(507);
    TestUsers.User bob = users.user();
    String bobs = record(api, bob, "public");
    assertThat(put(api, files(bobs) + "/b.bin", new byte[9 * KIB], auth(bob)).statusCode()).isEqualTo(201);
  }

  @RepeatedTest(3)
  void concurrentReplacementsCountTheReplacedVersionOnce() throws Exception {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    assertThat(put(api, files(id) + "/big.bin", new byte[9 * KIB], auth(alice)).statusCode()).isEqualTo(201);
    Set<String> blobsBefore = new HashSet<>(blobNames(blobs));

    // Each replacement takes 9 KiB in place of 9 KiB: all fit, however they interleave.
    Map<String, byte[]> bodies = new LinkedHashMap<>();
    List<String> shas = new ArrayList<>();
    Random random = new Random();
    for (int i = 0; i < PARALLEL; i++) {
      byte[] body = new byte[9 * KIB];
      random.nextBytes(body);
      bodies.put("big.bin#" + i, body);
      shas.add(sha256(body));
    }
    Map<String, HttpResponse<String>> responses = uploadAllAtOnce(alice, id, bodies);

    for (HttpResponse<String> response : responses.values()) {
      assertThat(response.statusCode()).as(response.body()).isEqualTo(200);
    }
    List<StoredFile> rows = store.list(id);
    assertThat(rows).hasSize(1);
    assertThat(shas).contains(rows.get(0).sha256());
    assertThat(store.bytesUploadedBy(alice.id())).isEqualTo(9L * KIB);
    Set<String> now = new HashSet<>(blobNames(blobs));
    Set<String> added = new HashSet<>(now);
    added.removeAll(blobsBefore);
    assertThat(added).containsExactly(rows.get(0).blob());
    assertThat(now).hasSize(blobsBefore.size());
    assertNoUploadInProgress();

    assertThat(put(api, files(id) + "/two.bin", new byte[2 * KIB], auth(alice)).statusCode()).isEqualTo(507);
    assertThat(put(api, files(id) + "/one.bin", new byte[KIB], auth(alice)).statusCode()).isEqualTo(201);
  }

  /**
   * Starts every upload at the same moment, each on its own HTTP/1.1 connection. A key of the
   * form {@code name#n} uploads to {@code name}.
   */
  private Map<String, HttpResponse<String>> uploadAllAtOnce(TestUsers.User user, String recordId,
      Map<String, byte[]> bodies) throws Exception {
    CyclicBarrier start = new CyclicBarrier(bodies.size());
    ExecutorService pool = Executors.newFixedThreadPool(bodies.size());
    try {
      Map<String, Future<HttpResponse<String>>> pending = new LinkedHashMap<>();
      for (Map.Entry<String, byte[]> body : bodies.entrySet()) {
        String key = body.getKey().replaceFirst("#\\d+$", "");
        java.net.http.HttpClient client = ApiClient.http11();
        Callable<HttpResponse<String>> upload = () -> {
          // Connected and TLS done before the start, so that the uploads really overlap.
          client.send(api.request(files(recordId)).GET().build(), HttpResponse.BodyHandlers.discarding());
          start.await(10, TimeUnit.SECONDS);
          return client.send(ApiClient.withHeaders(api.request(files(recordId) + "/" + key), auth(user,
              "Content-Type", "application/octet-stream"))
              .PUT(java.net.http.HttpRequest.BodyPublishers.ofByteArray(body.getValue())).build(),
              HttpResponse.BodyHandlers.ofString());
        };
        pending.put(body.getKey(), pool.submit(upload));
      }
      Map<String, HttpResponse<String>> responses = new LinkedHashMap<>();
      for (Map.Entry<String, Future<HttpResponse<String>>> future : pending.entrySet()) {
        responses.put(future.getKey(), future.getValue().get(60, TimeUnit.SECONDS));
      }
      return responses;
    } finally {
      pool.shutdownNow();
    }
  }

  private void assertNoUploadInProgress() throws Exception {
    Eventually.until(Duration.ofSeconds(10), "the staging folder to be empty", () -> {
      try {
        return staging.count() == 0;
      } catch (java.io.IOException e) {
        throw new java.io.UncheckedIOException(e);
      }
    });
  }
}
