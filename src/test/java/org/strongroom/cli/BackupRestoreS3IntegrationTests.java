package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.io.IOException;
import java.io.InputStream;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ThreadLocalRandom;
import java.util.stream.Stream;

import org.jclouds.blobstore.BlobStore;
import org.jclouds.blobstore.domain.StorageMetadata;
import org.jclouds.blobstore.options.ListContainerOptions;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.files.S3ProxyServer;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.support.ApiClient;
import org.strongroom.support.ServeProcess;
import org.strongroom.support.TestUsers;

/**
 * Backup and restore of an instance whose files live in an S3 bucket (s3proxy, in the test JVM):
 * the backup lists the objects with their sums instead of copying them; a restore into a new
 * instance on a copy of the bucket serves every file byte for byte; an object altered or
 * missing in the bucket is refused by name, and nothing is restored.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupRestoreS3IntegrationTests {

  @TempDir
  static Path folder;

  final String sourceBucket = bucket("source");
  InstanceLayout original;
  String token;
  Path backup;
  /** Record id and file key of every file the instance holds, with the bytes last uploaded there. */
  final Map<String, byte[]> files = new HashMap<>();

  @BeforeAll
  void backUpAnInstanceOnS3() throws Exception {
    original = ServeProcess.prepare(folder.resolve("original"));
    writeStorageConfig(original, sourceBucket);
    assertThat(BackupRestoreIntegrationTests.cli(original, TestUsers.PASSWORD + "\n", "users", "create",
        "s3@example.org", "--password-stdin").exit()).isZero();
    token = BackupRestoreIntegrationTests.cli(original, "", "tokens", "create", "-n", "s3", "-u", "s3@example.org",
        "--scopes", "records:read,records:write,files:read,files:write").out().strip();
    int port = ServeProcess.freePort();
    try (ConfigurableApplicationContext server = SpringContexts.withWebServer(original, port)) {
      ApiClient api = BackupRestoreIntegrationTests.client(port);
      for (int i = 0; i < 3; i++) {
        String record = createRecord(api);
        upload(api, record, "data.bin");
        upload(api, record, "empty.txt", new byte[0]);
      }
      String replaced = createRecord(api);
      upload(api, replaced, "replaced.bin");
      upload(api, replaced, "replaced.bin");
    }
    backup = folder.resolve("backup");
    CommandLineRun.Result result = BackupRestoreIntegrationTests.cli(original, "", "backup", "--to",
        backup.toString());
    assertThat(result.exit()).as(result.err()).isZero();
  }

  @Test
  void theBackupListsTheObjectsWithTheirSumsAndCopiesNone() throws IOException {
    CommandLineRun.Result verify = CommandLineRun.run("", "backup", "verify", backup.toString());
    assertThat(verify.exit()).as(verify.err()).isZero();
    assertThat(verify.out()).startsWith("Backup intact:");

    List<String> index = Files.readAllLines(backup.resolve("files/index.tsv")).stream()
        .filter(line -> !line.startsWith("#")).toList();
    assertThat(index).hasSize(files.size());
    for (String line : index) {
      String[] fields = line.split("\t");
      byte[] stored = read(S3ProxyServer.blobStore(), sourceBucket, "blobs/" + fields[0]);
      assertThat(Long.parseLong(fields[1])).isEqualTo(stored.length);
      assertThat(fields[2]).isEqualTo(BackupRestoreIntegrationTests.sha256(stored));
    }
    try (Stream<Path> copied = Files.walk(backup.resolve("files"))) {
      assertThat(copied.filter(Files::isRegularFile).map(path -> backup.relativize(path).toString()))
          .containsExactly("files/index.tsv");
    }
  }

  @Test
  void aRestoreOntoACopyOfTheBucketServesEveryFileByteForByte() throws Exception {
    String copy = bucket("copy");
    copyBucket(sourceBucket, copy);
    InstanceLayout restored = new InstanceLayout(folder.resolve("restored"));
    writeStorageConfig(restored, copy);
    CommandLineRun.Result result = CommandLineRun.run("", "restore", "--from", backup.toString(), "--instance",
        restored.root().toString(), "--secret-key-file", original.secretKey().toString());
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(Files.readString(restored.config())).contains("bucket: " + copy);

    Files.copy(original.tlsCertificate(), restored.tlsCertificate(), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(original.tlsPrivateKey(), restored.tlsPrivateKey(), StandardCopyOption.REPLACE_EXISTING);
    int port = ServeProcess.freePort();
    try (ConfigurableApplicationContext server = SpringContexts.withWebServer(restored, port)) {
      ApiClient api = BackupRestoreIntegrationTests.client(port);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        HttpResponse<byte[]> content = api.http().send(ApiClient.withHeaders(api.request("/api/records/"
            + file.getKey() + "/content"), bearer(token)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(content.statusCode()).as(file.getKey()).isEqualTo(200);
        assertThat(content.body()).as(file.getKey()).isEqualTo(file.getValue());
      }
    }
  }

  @Test
  void anAlteredOrMissingObjectIsRefusedByNameAndNothingIsRestored() throws Exception {
    String tampered = bucket("tampered");
    copyBucket(sourceBucket, tampered);
    BlobStore store = S3ProxyServer.blobStore();
    String victim = largestObject(store, tampered);
    byte[] bytes = read(store, tampered, victim);
    bytes[bytes.length / 2] ^= 1;
    store.putBlob(tampered, store.blobBuilder(victim).payload(bytes).build());
    assertRestoreRefused(tampered, "s3://" + tampered + "/" + victim + ": altered");

    byte[] longer = java.util.Arrays.copyOf(read(store, sourceBucket, victim), bytes.length + 1);
    store.putBlob(tampered, store.blobBuilder(victim).payload(longer).build());
    assertRestoreRefused(tampered, "s3://" + tampered + "/" + victim + ": altered");

    store.removeBlob(tampered, victim);
    assertRestoreRefused(tampered, "s3://" + tampered + "/" + victim + ": missing");
  }

  /**
   * Mid-rotation (a new current key, the old one as fallback, the S3 secret still sealed under
   * the old one), backed up with --include-secret-key: the backup holds the fallback and the
   * instance's own TLS pair (0600); the restore seals the S3 secret again under the current key,
   * so the restored instance serves every file with no fallback, and with the same certificate.
   */
  @Test
  void withTheSecretKeyAfterARotationTheRestoredInstanceNeedsNoFallbackAndKeepsItsCertificate() throws Exception {
    InstanceLayout rotated = new InstanceLayout(folder.resolve("rotated"));
    copyTree(original.root(), rotated.root());
    String oldKey = Files.readString(original.secretKey()).strip();
    String newKey = CommandLineRun.run("", "instance", "gen-secret-key").out().strip();
    Files.writeString(rotated.secretKey(), newKey + "\n");
    Files.writeString(rotated.config(), Files.readString(rotated.config()).replace("strongroom:\n",
        "strongroom:\n  secret-key-fallbacks: [\"" + oldKey + "\"]\n"));

    Path withKey = folder.resolve("backup-rotated");
    CommandLineRun.Result backedUp = BackupRestoreIntegrationTests.cli(rotated, "", "backup", "--to",
        withKey.toString(), "--include-secret-key");
    assertThat(backedUp.exit()).as(backedUp.err()).isZero();
    assertThat(Files.readString(withKey.resolve("instance/secret.key")).strip()).isEqualTo(newKey);
    assertThat(Files.readString(withKey.resolve("instance/secret-key-fallbacks")).strip()).isEqualTo(oldKey);
    assertThat(withKey.resolve("instance/tls/cert.pem")).hasSameBinaryContentAs(rotated.tlsCertificate());
    assertThat(withKey.resolve("instance/tls/key.pem")).hasSameBinaryContentAs(rotated.tlsPrivateKey());
    for (String secret : List.of("instance/secret.key", "instance/secret-key-fallbacks", "instance/tls/key.pem")) {
      assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(withKey.resolve(secret))))
          .as(secret).isEqualTo("rw-------");
    }
    assertThat(CommandLineRun.run("", "backup", "verify", withKey.toString()).exit()).isZero();

    String copy = bucket("rotated");
    copyBucket(sourceBucket, copy);
    InstanceLayout restored = new InstanceLayout(folder.resolve("restored-rotated"));
    writeStorageConfig(restored, copy);
    String sealedUnderOldKey = Files.readString(restored.config());
    CommandLineRun.Result result = CommandLineRun.run("", "restore", "--from", withKey.toString(), "--instance",
        restored.root().toString());
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("Sealed 1 secrets again under the current key");
    assertThat(Files.readString(restored.secretKey()).strip()).isEqualTo(newKey);
    assertThat(Files.readString(restored.config())).isNotEqualTo(sealedUnderOldKey).doesNotContain(oldKey)
        .contains("bucket: " + copy);
    assertThat(restored.root().resolve("secret-key-fallbacks")).doesNotExist();
    assertThat(restored.tlsCertificate()).hasSameBinaryContentAs(original.tlsCertificate());
    assertThat(restored.tlsPrivateKey()).hasSameBinaryContentAs(original.tlsPrivateKey());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(restored.tlsPrivateKey())))
        .isEqualTo("rw-------");

    int port = ServeProcess.freePort();
    try (ConfigurableApplicationContext server = SpringContexts.withWebServer(restored, port)) {
      ApiClient api = BackupRestoreIntegrationTests.client(port);
      for (Map.Entry<String, byte[]> file : files.entrySet()) {
        HttpResponse<byte[]> content = api.http().send(ApiClient.withHeaders(api.request("/api/records/"
            + file.getKey() + "/content"), bearer(token)).GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(content.statusCode()).as(file.getKey()).isEqualTo(200);
        assertThat(content.body()).as(file.getKey()).isEqualTo(file.getValue());
      }
    }
  }

  static void copyTree(Path from, Path to) throws IOException {
    try (Stream<Path> paths = Files.walk(from)) {
      for (Path path : paths.toList()) {
        Path target = to.resolve(from.relativize(path).toString());
        if (Files.isDirectory(path)) {
          Files.createDirectories(target);
        } else {
          Files.copy(path, target, StandardCopyOption.COPY_ATTRIBUTES);
        }
      }
    }
  }

  void assertRestoreRefused(String bucket, String problem) throws IOException {
    Path target = folder.resolve("target-" + UUID.randomUUID());
    writeStorageConfig(new InstanceLayout(target), bucket);
    byte[] config = Files.readAllBytes(target.resolve("strongroom.yml"));
    CommandLineRun.Result refused = CommandLineRun.run("", "restore", "--from", backup.toString(), "--instance",
        target.toString(), "--secret-key-file", original.secretKey().toString());
    assertThat(refused.exit()).isEqualTo(Failures.CONFIGURATION);
    assertThat(refused.err().lines()).hasSize(1);
    assertThat(refused.err()).contains(problem).contains("nothing restored");
    try (Stream<Path> left = Files.list(target)) {
      assertThat(left.map(path -> path.getFileName().toString())).containsExactly("strongroom.yml");
    }
    assertThat(Files.readAllBytes(target.resolve("strongroom.yml"))).isEqualTo(config);
    try (Stream<Path> siblings = Files.list(folder)) {
      assertThat(siblings.map(path -> path.getFileName().toString()))
          .noneMatch(name -> name.startsWith("." + target.getFileName()));
    }
  }

  void writeStorageConfig(InstanceLayout instance, String bucket) throws IOException {
    String sealed = BackupRestoreIntegrationTests.cli(original, S3ProxyServer.SECRET_KEY, "storage", "seal-secret")
        .out().strip();
    assertThat(sealed).isNotEmpty();
    Files.createDirectories(instance.root());
    Files.writeString(instance.config(), """
        strongroom:
          storage:
            type: s3
            s3:
              endpoint: %s
              bucket: %s
              access-key-id: %s
              secret-access-key-sealed: "%s"
        """.formatted(S3ProxyServer.endpoint(), bucket, S3ProxyServer.ACCESS_KEY, sealed));
  }

  String createRecord(ApiClient api) {
    HttpResponse<String> created = api.post("/api/records/", "{\"metadata\": {\"title\": \"On S3\"}, "
        + "\"access\": {\"record\": \"public\"}}", bearer(token));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created).path("id").asString();
  }

  void upload(ApiClient api, String record, String key) {
    byte[] bytes = new byte[ThreadLocalRandom.current().nextInt(1, 100_000)];
    ThreadLocalRandom.current().nextBytes(bytes);
    upload(api, record, key, bytes);
  }

  void upload(ApiClient api, String record, String key, byte[] bytes) {
    HttpResponse<String> response = api.send(ApiClient.withHeaders(api.request("/api/records/" + record + "/files/"
        + key), bearer(token)).PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
    files.put(record + "/files/" + key, bytes);
  }

  static String bucket(String role) {
    String name = "backup-" + role + "-" + UUID.randomUUID().toString().substring(0, 8);
    S3ProxyServer.createBucket(name);
    return name;
  }

  /** What an operator does with the provider's tools: every object into another bucket. */
  static void copyBucket(String from, String to) throws IOException {
    BlobStore store = S3ProxyServer.blobStore();
    for (StorageMetadata object : store.list(from, ListContainerOptions.Builder.recursive())) {
      store.putBlob(to, store.blobBuilder(object.getName()).payload(read(store, from, object.getName())).build());
    }
  }

  static String largestObject(BlobStore store, String bucket) {
    String largest = null;
    long size = -1;
    for (StorageMetadata object : store.list(bucket, ListContainerOptions.Builder.recursive())) {
      if (object.getSize() != null && object.getSize() > size) {
        largest = object.getName();
        size = object.getSize();
      }
    }
    return largest;
  }

  static byte[] read(BlobStore store, String bucket, String name) throws IOException {
    try (InputStream in = store.getBlob(bucket, name).getPayload().openStream()) {
      return in.readAllBytes();
    }
  }
}
