package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.files.FilesTestSupport.auth;
import static org.strongroom.files.FilesTestSupport.blobNames;
import static org.strongroom.files.FilesTestSupport.files;
import static org.strongroom.files.FilesTestSupport.getBytes;
import static org.strongroom.files.FilesTestSupport.put;
import static org.strongroom.files.FilesTestSupport.record;
import static org.strongroom.files.FilesTestSupport.sha256;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.io.OutputStream;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Random;
import java.util.Set;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import javax.net.ssl.SSLSocket;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.strongroom.core.Scope;
import org.strongroom.support.ApiClient;
import org.strongroom.support.Eventually;
import org.strongroom.support.TestUsers;
import tools.jackson.databind.JsonNode;

/**
 * The files API end to end over HTTPS (docs/api/files.md), run on each storage backend by the subclasses: the same
 * uploads, replacements, reads, deletes, permissions and crash leftovers must behave alike.
 */
abstract class FilesContract {

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  @Autowired
  BlobStore blobs;

  @Autowired
  UploadStaging staging;

  @Autowired
  FilesCleanup cleanup;

  @Test
  void uploadsListsDownloadsAndDeletesAFile() {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    byte[] body = "Temperature,Site\n12.5,Genève\n".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> created = put(api, files(id) + "/data.txt", body, bearer(alice.token()));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(created.headers().firstValue("Location")).hasValue(api.baseUrl() + files(id) + "/data.txt");
    assertThat(created.headers().firstValue("ETag")).hasValue("\"" + sha256(body) + "\"");
    JsonNode entry = json(created);
    assertThat(entry.propertyNames()).containsExactly("key", "size", "checksum", "mimetype", "created", "links");
    assertThat(entry.path("links").propertyNames()).containsExactly("self", "content");
    assertThat(entry.path("key").asString()).isEqualTo("data.txt");
    assertThat(entry.path("size").asLong()).isEqualTo(body.length);
    assertThat(entry.path("checksum").asString()).isEqualTo("sha256:" + sha256(body));
    assertThat(entry.path("mimetype").asString()).isEqualTo("text/plain");

    JsonNode list = json(api.get(files(id)));
    assertThat(list.propertyNames()).containsExactly("entries", "links");
    assertThat(list.path("links").path("self").asString()).isEqualTo(api.baseUrl() + files(id));
    assertThat(list.path("entries")).hasSize(1);
    JsonNode listed = list.path("entries").get(0);
    assertThat(listed.path("key").asString()).isEqualTo("data.txt");
    assertThat(listed.path("checksum").asString()).isEqualTo("sha256:" + sha256(body));
    assertThat(listed.path("created").asString()).isNotEmpty();
    assertThat(listed.path("links").path("content").asString())
        .isEqualTo(api.baseUrl() + files(id) + "/data.txt/content");

    HttpResponse<byte[]> content = getBytes(api, files(id) + "/data.txt/content");
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.body()).isEqualTo(body);
    assertThat(content.headers().firstValue("Content-Type")).hasValueSatisfying(t -> assertThat(t).startsWith("text/plain"));
    assertThat(content.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");
    assertThat(content.headers().firstValue("X-Content-Type-Options")).hasValue("nosniff");
    assertThat(content.headers().firstValue("Cross-Origin-Resource-Policy")).hasValue("same-origin");
    assertThat(content.headers().firstValue("Content-Disposition"))
        .hasValue("inline; filename=\"data.txt\"; filename*=UTF-8''data.txt");

    String blob = blobOf(id, "data.txt");
    HttpResponse<String> deleted = api.delete(files(id) + "/data.txt", bearer(alice.token()));
    assertThat(deleted.statusCode()).isEqualTo(204);
    assertThat(getBytes(api, files(id) + "/data.txt/content").statusCode()).isEqualTo(404);
    assertThat(json(api.get(files(id))).path("entries")).isEmpty();
    assertThat(blobNames(blobs)).doesNotContain(blob);
  }

  @Test
  void streamsALargerUploadIntact() {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    byte[] body = new byte[6 * 1024 * 1024 + 123];
    new Random(7).nextBytes(body);

    HttpResponse<String> created = put(api, files(id) + "/random.bin", body, auth(alice,
        "Content-Type", "application/octet-stream"));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    assertThat(json(created).path("checksum").asString()).isEqualTo("sha256:" + sha256(body));

    HttpResponse<byte[]> content = getBytes(api, files(id) + "/random.bin/content");
    assertThat(sha256(content.body())).isEqualTo(sha256(body));
    assertThat(content.headers().firstValue("Content-Disposition")).hasValueSatisfying(d -> assertThat(d).startsWith("attachment;"));
  }

  @Test
  void replacesAVersionAtomicallyAndIfNoneMatchRefusesToOverwrite() {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    byte[] first = "first version".getBytes(StandardCharsets.UTF_8);
    byte[] second = "second version".getBytes(StandardCharsets.UTF_8);
    assertThat(put(api, files(id) + "/notes.txt", first, bearer(alice.token())).statusCode()).isEqualTo(201);
    String firstBlob = blobOf(id, "notes.txt");

    HttpResponse<String> refused = put(api, files(id) + "/notes.txt", second, auth(alice,
        "If-None-Match", "*"));
    assertThat(refused.statusCode()).isEqualTo(412);
    assertThat(json(refused).path("status").asInt()).isEqualTo(412);
    assertThat(getBytes(api, files(id) + "/notes.txt/content").body()).isEqualTo(first);

    HttpResponse<String> replaced = put(api, files(id) + "/notes.txt", second, bearer(alice.token()));
    assertThat(replaced.statusCode()).isEqualTo(200);
    assertThat(getBytes(api, files(id) + "/notes.txt/content").body()).isEqualTo(second);
    assertThat(json(api.get(files(id))).path("entries")).hasSize(1);
    assertThat(blobNames(blobs)).doesNotContain(firstBlob).contains(blobOf(id, "notes.txt"));

    assertThat(put(api, files(id) + "/new.txt", first, auth(alice, "If-None-Match", "*"))
        .statusCode()).isEqualTo(201);
  }

  @Test
  void servesRangesAndHonoursTheETag() {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    byte[] body = "0123456789".getBytes(StandardCharsets.US_ASCII);
    put(api, files(id) + "/digits.txt", body, bearer(alice.token()));
    String path = files(id) + "/digits.txt/content";

    HttpResponse<byte[]> part = getBytes(api, path, "Range", "bytes=2-5");
    assertThat(part.statusCode()).isEqualTo(206);
    assertThat(new String(part.body(), StandardCharsets.US_ASCII)).isEqualTo("2345");
    assertThat(part.headers().firstValue("Content-Range")).hasValue("bytes 2-5/10");
    assertThat(part.headers().firstValue("Content-Security-Policy")).hasValue("sandbox; default-src 'none'");

    assertThat(new String(getBytes(api, path, "Range", "bytes=-3").body(), StandardCharsets.US_ASCII)).isEqualTo("789");
    assertThat(new String(getBytes(api, path, "Range", "bytes=8-").body(), StandardCharsets.US_ASCII)).isEqualTo("89");
    HttpResponse<byte[]> unsatisfiable = getBytes(api, path, "Range", "bytes=10-20");
    assertThat(unsatisfiable.statusCode()).isEqualTo(416);
    assertThat(unsatisfiable.headers().firstValue("Content-Range")).hasValue("bytes */10");

    String etag = getBytes(api, path).headers().firstValue("ETag").orElseThrow();
    assertThat(getBytes(api, path, "If-None-Match", etag).statusCode()).isEqualTo(304);
    assertThat(getBytes(api, path, "Range", "bytes=0-1", "If-Range", "\"stale\"").statusCode()).isEqualTo(200);
  }

  @Test
  void filesOfARestrictedRecordAreAsInvisibleAsTheRecord() {
    TestUsers.User owner = users.user();
    TestUsers.User stranger = users.user();
    String id = record(api, owner, "restricted");
    assertThat(put(api, files(id) + "/secret.txt", "classified".getBytes(StandardCharsets.UTF_8),
        bearer(owner.token())).statusCode()).isEqualTo(201);

    for (String path : List.of(files(id), files(id) + "/secret.txt", files(id) + "/secret.txt/content")) {
      HttpResponse<String> anonymous = api.get(path);
      assertThat(anonymous.statusCode()).as(path).isEqualTo(404);
      assertThat(json(anonymous).path("message").asString()).isEqualTo("Record not found");
      assertThat(api.get(path, bearer(stranger.token())).statusCode()).as(path).isEqualTo(404);
      // HEAD is answered by the same handler: it learns no more than GET.
      assertThat(api.head(path).statusCode()).as(path).isEqualTo(404);
      assertThat(api.head(path, bearer(stranger.token())).statusCode()).as(path).isEqualTo(404);
      HttpResponse<String> owners = api.head(path, bearer(owner.token()));
      assertThat(owners.statusCode()).as(path).isEqualTo(200);
      assertThat(owners.body()).as(path).isEmpty();
    }
    assertThat(put(api, files(id) + "/x.txt", new byte[] {1}, bearer(stranger.token())).statusCode()).isEqualTo(404);
    assertThat(api.delete(files(id) + "/secret.txt", bearer(stranger.token())).statusCode()).isEqualTo(404);
    assertThat(api.get(files(id) + "/secret.txt/content", bearer(owner.token())).body()).isEqualTo("classified");
    // A superuser's token acts as a superuser only with the admin scope.
    TestUsers.User admin = users.superuser();
    assertThat(api.get(files(id), bearer(admin.token())).statusCode()).isEqualTo(404);
    String adminToken = users.token(admin.email(), java.util.EnumSet.allOf(org.strongroom.core.Scope.class));
    assertThat(api.get(files(id), bearer(adminToken)).statusCode()).isEqualTo(200);
  }

  @Test
  void onlyTheOwnerWritesAndScopesAreEnforced() {
    TestUsers.User owner = users.user();
    TestUsers.User other = users.user();
    String id = record(api, owner, "public");
    byte[] body = "x".getBytes(StandardCharsets.UTF_8);

    HttpResponse<String> anonymous = put(api, files(id) + "/a.txt", body);
    assertThat(anonymous.statusCode()).isEqualTo(401);
    assertThat(json(anonymous).path("status").asInt()).isEqualTo(401);
    assertThat(put(api, files(id) + "/a.txt", body, bearer(other.token())).statusCode()).isEqualTo(403);

    String recordsOnly = users.token(owner.email(), EnumSet.of(Scope.RECORDS_READ, Scope.RECORDS_WRITE));
    HttpResponse<String> noScope = put(api, files(id) + "/a.txt", body, bearer(recordsOnly));
    assertThat(noScope.statusCode()).isEqualTo(403);
    assertThat(json(noScope).path("message").asString()).contains("files:write");
    assertThat(api.get(files(id), bearer(recordsOnly)).statusCode()).isEqualTo(403);

    String readOnly = users.token(owner.email(), Set.of(Scope.RECORDS_READ, Scope.FILES_READ));
    assertThat(put(api, files(id) + "/a.txt", body, bearer(readOnly)).statusCode()).isEqualTo(403);
    assertThat(json(api.get(files(id))).path("entries")).isEmpty();
    assertThat(put(api, files(id) + "/a.txt", body, bearer(owner.token())).statusCode()).isEqualTo(201);
    assertThat(api.delete(files(id) + "/a.txt", bearer(readOnly)).statusCode()).isEqualTo(403);
    assertThat(api.delete(files(id) + "/a.txt", bearer(other.token())).statusCode()).isEqualTo(403);
  }

  @Test
  void deletingTheRecordRemovesItsFiles() {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    put(api, files(id) + "/one.txt", "1".getBytes(StandardCharsets.UTF_8), bearer(alice.token()));
    put(api, files(id) + "/two.txt", "2".getBytes(StandardCharsets.UTF_8), bearer(alice.token()));
    List<String> stored = List.of(blobOf(id, "one.txt"), blobOf(id, "two.txt"));

    assertThat(api.delete("/api/records/" + id, bearer(alice.token())).statusCode()).isEqualTo(204);

    assertThat(blobNames(blobs)).doesNotContainAnyElementsOf(stored);
    assertThat(store.list(id)).isEmpty();
    assertThat(api.get(files(id)).statusCode()).isEqualTo(410);
  }

  @Test
  void concurrentUploadsOfOneKeyLeaveExactlyOneCompleteVersion() throws Exception {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    int before = blobNames(blobs).size();
    List<byte[]> bodies = new ArrayList<>();
    for (int i = 0; i < 6; i++) {
      byte[] body = new byte[256 * 1024];
      new Random(i).nextBytes(body);
      bodies.add(body);
    }
    ExecutorService pool = Executors.newFixedThreadPool(6);
    try {
      List<Future<HttpResponse<String>>> results = new ArrayList<>();
      for (byte[] body : bodies) {
        results.add(pool.submit(() -> put(api, files(id) + "/same.bin", body, bearer(alice.token()))));
      }
      for (Future<HttpResponse<String>> result : results) {
        assertThat(result.get().statusCode()).as(result.get().body()).isIn(200, 201);
      }
    } finally {
      pool.shutdown();
    }
    byte[] served = getBytes(api, files(id) + "/same.bin/content").body();
    assertThat(bodies.stream().map(FilesTestSupport::sha256)).contains(sha256(served));
    assertThat(json(api.get(files(id))).path("entries").get(0).path("checksum").asString())
        .isEqualTo("sha256:" + sha256(served));
    assertThat(blobNames(blobs)).hasSize(before + 1);
  }

  @Test
  @ExtendWith(OutputCaptureExtension.class)
  void anUploadCutMidwayLeavesNothingBehind(CapturedOutput output) throws Exception {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    int before = blobNames(blobs).size();
    Logger clientGone = (Logger) LoggerFactory.getLogger("org.strongroom.web.ClientGone");
    Level level = clientGone.getLevel();
    clientGone.setLevel(Level.DEBUG);
    try {
      try (SSLSocket socket = FilesTestSupport.rawSocket(api)) {
        OutputStream out = socket.getOutputStream();
        out.write(("PUT " + files(id) + "/cut.bin HTTP/1.1\r\nHost: localhost\r\nAuthorization: Bearer "
            + alice.token() + "\r\nContent-Length: 8388608\r\n\r\n").getBytes(StandardCharsets.ISO_8859_1));
        out.write(new byte[1024 * 1024]);
        out.flush();
        // Cut only once the server is writing the upload to its staging area.
        Eventually.until(Duration.ofSeconds(15), "the upload to be staged", () -> stagedUploads() > 0);
      }
      Eventually.until(Duration.ofSeconds(15), "the cut upload to be cleaned up",
          () -> stagedUploads() == 0 && output.getAll().contains("The client went away"));
      assertThat(staging.count()).isZero();
      assertThat(blobNames(blobs)).hasSize(before);
      assertThat(json(api.get(files(id))).path("entries")).isEmpty();
      // The server's answer to the cut upload found the client gone: that is no server error
      // (web/ClientGone), so a DEBUG line and no ERROR with a stack trace.
      assertThat(output.getAll()).contains("The client went away").doesNotContain("Unexpected error");
    } finally {
      clientGone.setLevel(level);
    }
  }

  @Test
  void theSweeperRemovesLeftoversButNotLiveFiles() throws Exception {
    TestUsers.User alice = users.user();
    String id = record(api, alice, "public");
    put(api, files(id) + "/kept.txt", "kept".getBytes(StandardCharsets.UTF_8), bearer(alice.token()));
    String kept = blobOf(id, "kept.txt");
    Path crashed = Files.createTempFile("orphan", ".bin");
    Files.writeString(crashed, "left by a crash between storing and recording");
    String orphan = BlobNames.generate();
    blobs.put(orphan, crashed, Files.size(crashed), java.security.MessageDigest.getInstance("MD5")
        .digest(Files.readAllBytes(crashed)));
    Files.deleteIfExists(crashed);

    FilesCleanup.Sweep sweep = cleanup.sweep(Instant.now().plusSeconds(5));

    assertThat(sweep.orphanedBlobs()).isGreaterThanOrEqualTo(1);
    assertThat(blobNames(blobs)).doesNotContain(orphan).contains(kept);
    assertThat(getBytes(api, files(id) + "/kept.txt/content").body()).isEqualTo("kept".getBytes(StandardCharsets.UTF_8));
  }

  @Autowired
  FileStore store;

  String blobOf(String recordId, String key) {
    return store.find(recordId, key).orElseThrow().blob();
  }

  private long stagedUploads() {
    try {
      return staging.count();
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
