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
 * the backup lists the objects with their sums instead of copying them; {@code backup verify}
 * reads every one back when it is given the means to reach the bucket, and says in one line that
 * it did not when it is not; a restore into a new instance on a copy of the bucket serves every
 * file byte for byte; an object altered or missing in the bucket is named by both, and nothing is
 * restored or changed.
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
    String copy = copyOfTheSourceBucket("copy");
    InstanceLayout restored = new InstanceLayout(folder.resolve("restored"));
    writeStorageConfig(restored, copy);
    CommandLineRun.Result result = CommandLineRun.run("", "restore", "--from", backup.toString(), "--instance",
        restored.root().toString(), "--secret-key-file", original.secretKey().toString());
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(Files.readString(restored.config())).contains("bucket: " + copy);

    Files.copy(original.tlsCertificate(), restored.tlsCertificate(), StandardCopyOption.REPLACE_EXISTING);
    Files.copy(original.tlsPrivateKey(), restored.tlsPrivateKey(), StandardCopyOption.REPLACE_EXISTING);
    assertServesEveryFile(restored);
  }

  @Test
  void anAlteredOrMissingObjectIsRefusedByNameAndNothingIsRestored() throws Exception {
    String tampered = copyOfTheSourceBucket("tampered");
    String victim = largestObject(tampered);
    overwriteWithOtherBytes(tampered, victim);
    assertRestoreRefused(tampered, "s3://" + tampered + "/" + victim + ": altered");

    BlobStore store = S3ProxyServer.blobStore();
    byte[] backedUp = read(store, sourceBucket, victim);
    byte[] longer = java.util.Arrays.copyOf(backedUp, backedUp.length + 1);
    store.putBlob(tampered, store.blobBuilder(victim).payload(longer).build());
    assertRestoreRefused(tampered, "s3://" + tampered + "/" + victim + ": altered");

    store.removeBlob(tampered, victim);
    assertRestoreRefused(tampered, "s3://" + tampered + "/" + victim + ": missing");
  }

  @Test
  void verifyReadsEveryObjectBackFromTheBucketWithTheKeyGivenOrTheInstancesOwn() throws IOException {
    Map<String, String> before = contents(backup);
    for (List<String> reach : List.of(List.of("--secret-key-file", original.secretKey().toString()),
        List.of("--instance", original.root().toString()))) {
      CommandLineRun.Result verify = verify(reach);
      assertThat(verify.exit()).as(reach + ": " + verify.err()).isZero();
      assertThat(verify.err()).isEmpty();
      assertThat(verify.out()).startsWith("Backup intact:").contains(files.size() + " files, each read back from "
          + "the bucket unchanged");
    }
    // The backup's instance/ is read as an instance's settings: nothing (a log file) is written there.
    assertThat(contents(backup)).isEqualTo(before);
  }

  /**
   * As an operator runs it, in a process of its own: no application is started there to set up
   * logging, so the S3 client's own logging must not reach the output either.
   */
  @Test
  void verifyInItsOwnProcessPrintsOneLine() throws Exception {
    Path out = folder.resolve("verify-process.out");
    Process verify = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"), StrongroomCli.class.getName(),
        "backup", "verify", backup.toString(), "--secret-key-file", original.secretKey().toString())
        .redirectErrorStream(true).redirectOutput(out.toFile()).start();
    assertThat(verify.waitFor(120, java.util.concurrent.TimeUnit.SECONDS)).isTrue();
    String printed = Files.readString(out);
    assertThat(verify.exitValue()).as(printed).isZero();
    assertThat(printed.lines()).as(printed).hasSize(1);
    assertThat(printed).startsWith("Backup intact:").contains("each read back from the bucket unchanged");
  }

  @Test
  void verifyNamesAnObjectDeletedFromTheBucketInOneLineAndChangesNothing() throws IOException {
    BlobStore store = S3ProxyServer.blobStore();
    String victim = largestObject(sourceBucket);
    byte[] kept = read(store, sourceBucket, victim);
    Map<String, String> before = contents(backup);
    store.removeBlob(sourceBucket, victim);
    try {
      CommandLineRun.Result verify = verify(List.of("--secret-key-file", original.secretKey().toString()));
      assertOneLine(verify, BackupVerifyCommand.DAMAGED, "strongroom: backup not intact: s3://" + sourceBucket + "/"
          + victim + ": missing;");
      assertThat(store.blobExists(sourceBucket, victim)).isFalse();
      assertThat(contents(backup)).isEqualTo(before);
    } finally {
      store.putBlob(sourceBucket, store.blobBuilder(victim).payload(kept).build());
    }
  }

  @Test
  void verifyNamesAnObjectOverwrittenWithOtherBytesInTheBucketOfTheInstanceGiven() throws IOException {
    String tampered = copyOfTheSourceBucket("overwritten");
    String victim = largestObject(tampered);
    byte[] altered = overwriteWithOtherBytes(tampered, victim);
    InstanceLayout onTheCopy = new InstanceLayout(folder.resolve("verify-" + tampered));
    writeStorageConfig(onTheCopy, tampered);
    Files.copy(original.secretKey(), onTheCopy.secretKey());
    Map<String, String> before = contents(backup);

    CommandLineRun.Result verify = verify(List.of("--instance", onTheCopy.root().toString()));
    assertOneLine(verify, BackupVerifyCommand.DAMAGED, "strongroom: backup not intact: s3://" + tampered + "/"
        + victim + ": altered (not the ");
    assertThat(read(S3ProxyServer.blobStore(), tampered, victim)).isEqualTo(altered);
    assertThat(contents(backup)).isEqualTo(before);
    try (Stream<Path> left = Files.list(onTheCopy.root())) {
      assertThat(left.map(path -> path.getFileName().toString())).containsExactlyInAnyOrder("strongroom.yml",
          "secret.key");
    }
  }

  @Test
  void withoutTheMeansToReachTheBucketVerifySaysInOneLineThatTheObjectsWereNotChecked() {
    CommandLineRun.Result verify = verify(List.of());
    assertOneLine(verify, BackupVerifyCommand.OBJECTS_NOT_CHECKED, "strongroom: backup files intact, but the "
        + files.size() + " objects files/index.tsv lists were not checked in their bucket: the S3 secret is sealed "
        + "under the backed-up instance's secret key, which the backup does not hold; to check them, give "
        + "--secret-key-file FILE");
  }

  @Test
  void aBucketThatDoesNotAnswerLeavesTheObjectsNotChecked() throws IOException {
    InstanceLayout elsewhere = new InstanceLayout(folder.resolve("verify-no-such-bucket"));
    writeStorageConfig(elsewhere, "no-such-bucket-" + UUID.randomUUID().toString().substring(0, 8));
    Files.copy(original.secretKey(), elsewhere.secretKey());
    CommandLineRun.Result verify = verify(List.of("--instance", elsewhere.root().toString()));
    assertOneLine(verify, BackupVerifyCommand.OBJECTS_NOT_CHECKED, "strongroom: backup files intact, but the "
        + files.size() + " objects files/index.tsv lists were not checked in their bucket: ");
    assertThat(verify.err()).contains("run it again when the bucket answers");
  }

  /** A key that is not the one the S3 secret was sealed with is a mistake of the operator's, said as such. */
  @Test
  void anotherSecretKeyIsRefusedInOneLineWithoutTheSecret() throws IOException {
    Path otherKey = folder.resolve("other.key");
    Files.writeString(otherKey, CommandLineRun.run("", "instance", "gen-secret-key").out());
    CommandLineRun.Result verify = verify(List.of("--secret-key-file", otherKey.toString()));
    assertThat(verify.exit()).isEqualTo(Failures.CONFIGURATION);
    assertThat(verify.out()).isEmpty();
    assertThat(verify.err()).isEqualTo("strongroom: strongroom.storage.s3.secret-access-key-sealed does not open "
        + "with --secret-key-file " + otherKey + ": not the secret key of the instance that sealed it\n");
    assertThat(verify.err()).doesNotContain(S3ProxyServer.SECRET_KEY).doesNotContain(Files.readString(otherKey)
        .strip());
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
    // The backup's own key (and fallback) opens the S3 secret, so verify reads the objects back.
    CommandLineRun.Result verified = CommandLineRun.run("", "backup", "verify", withKey.toString());
    assertThat(verified.exit()).as(verified.err()).isZero();
    assertThat(verified.out()).contains("each read back from the bucket unchanged");

    String copy = copyOfTheSourceBucket("rotated");
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
    assertServesEveryFile(restored);
  }

  /** Serves the restored instance and reads every file the original held, byte for byte. */
  void assertServesEveryFile(InstanceLayout restored) throws Exception {
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

  /** Nothing on stdout; one line on stderr, beginning so; that exit code. */
  static void assertOneLine(CommandLineRun.Result result, int exit, String beginning) {
    assertThat(result.exit()).as(result.err()).isEqualTo(exit);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).hasSize(1);
    assertThat(result.err()).startsWith(beginning);
  }

  CommandLineRun.Result verify(List<String> options) {
    List<String> args = new java.util.ArrayList<>(List.of("backup", "verify", backup.toString()));
    args.addAll(options);
    return CommandLineRun.run("", args.toArray(String[]::new));
  }

  /** Every file below the folder with its SHA-256: what a command must leave as it was. */
  static Map<String, String> contents(Path root) throws IOException {
    Map<String, String> contents = new java.util.TreeMap<>();
    try (Stream<Path> paths = Files.walk(root)) {
      for (Path path : paths.toList()) {
        contents.put(root.relativize(path).toString(), Files.isDirectory(path) ? "folder"
            : BackupRestoreIntegrationTests.sha256(Files.readAllBytes(path)));
      }
    }
    return contents;
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
    Files.writeString(instance.config(), S3ProxyServer.storageSettings(bucket, sealed));
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

  /** What an operator does with the provider's tools: every object of the backed-up bucket into a new one. */
  String copyOfTheSourceBucket(String role) throws IOException {
    String copy = bucket(role);
    BlobStore store = S3ProxyServer.blobStore();
    for (StorageMetadata object : store.list(sourceBucket, ListContainerOptions.Builder.recursive())) {
      store.putBlob(copy, store.blobBuilder(object.getName()).payload(read(store, sourceBucket, object.getName()))
          .build());
    }
    return copy;
  }

  /** Behind the server's back, as an operator's tools or an attacker would: one bit flipped, same length. */
  static byte[] overwriteWithOtherBytes(String bucket, String object) throws IOException {
    BlobStore store = S3ProxyServer.blobStore();
    byte[] bytes = read(store, bucket, object);
    bytes[bytes.length / 2] ^= 1;
    store.putBlob(bucket, store.blobBuilder(object).payload(bytes).build());
    return bytes;
  }

  static String largestObject(String bucket) {
    BlobStore store = S3ProxyServer.blobStore();
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
