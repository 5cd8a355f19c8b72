package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.io.IOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.security.MessageDigest;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.ResultSetMetaData;
import java.sql.SQLException;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ThreadLocalRandom;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;
import java.util.stream.Stream;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.mock.env.MockEnvironment;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.support.ApiClient;
import org.strongroom.support.Eventually;
import org.strongroom.support.ServeProcess;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestUsers;

/**
 * {@code backup} of an instance that {@code serve} (its own process) keeps writing to, then
 * {@code restore} into a new folder: every record and file of the snapshot comes back byte for
 * byte, tokens, passwords and the audit chain work. A damaged backup and a non-empty target are
 * refused with one line, changing nothing.
 */
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
class BackupRestoreIntegrationTests {

  @TempDir
  static Path folder;

  InstanceLayout original;
  ServeProcess server;
  ApiClient api;
  String token;
  Path backup;
  String hotRecord;
  final Set<String> recordsBeforeBackup = ConcurrentHashMap.newKeySet();
  final Map<String, byte[]> uploaded = new ConcurrentHashMap<>();
  int writesDuringBackup;
  Set<String> confirmedBeforeBackup;

  @BeforeAll
  void backUpUnderWriteLoad() throws Exception {
    original = ServeProcess.prepare(folder.resolve("original"));
    server = ServeProcess.start(original);
    api = client(server.port());
    assertThat(cli(original, TestUsers.PASSWORD + "\n", "users", "create", "owner@example.org", "--password-stdin")
        .exit()).isZero();
    CommandLineRun.Result created = cli(original, "", "tokens", "create", "-n", "load", "-u", "owner@example.org",
        "--scopes", "records:read,records:write,files:read,files:write,user:read");
    assertThat(created.exit()).as(created.err()).isZero();
    token = created.out().strip();
    hotRecord = createRecord();
    for (int i = 0; i < 3; i++) {
      writeOnce();
    }

    AtomicBoolean stop = new AtomicBoolean();
    AtomicInteger writes = new AtomicInteger();
    List<Throwable> failures = new java.util.concurrent.CopyOnWriteArrayList<>();
    List<Thread> load = new ArrayList<>();
    for (int t = 0; t < 2; t++) {
      Thread thread = new Thread(() -> {
        while (!stop.get()) {
          try {
            writeOnce();
            writes.incrementAndGet();
          } catch (Throwable e) {
            failures.add(e);
            return;
          }
        }
      });
      thread.start();
      load.add(thread);
    }
    Eventually.until(Duration.ofSeconds(60), "the write load to run", () -> writes.get() >= 2);
    confirmedBeforeBackup = Set.copyOf(recordsBeforeBackup);
    int before = writes.get();
    backup = folder.resolve("backup");
    CommandLineRun.Result result = cli(original, "", "backup", "--to", backup.toString());
    writesDuringBackup = writes.get() - before;
    stop.set(true);
    for (Thread thread : load) {
      thread.join();
    }
    assertThat(failures).isEmpty();
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("Backed up to " + backup).contains("SHA-256 of SHA256SUMS:");
  }

  @AfterAll
  void stop() {
    if (server != null) {
      server.close();
    }
  }

  /** One round of the load: a record with a file of its own, and a new version of the hot file. */
  void writeOnce() {
    String id = createRecord();
    upload(id, "data.bin");
    upload(hotRecord, "hot.bin");
    recordsBeforeBackup.add(id);
  }

  String createRecord() {
    HttpResponse<String> created = api.post("/api/records/", "{\"metadata\": {\"title\": \"Load "
        + ThreadLocalRandom.current().nextLong() + "\"}, \"access\": {\"record\": \"public\"}}", bearer(token));
    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    return json(created).path("id").asString();
  }

  void upload(String record, String key) {
    byte[] bytes = new byte[ThreadLocalRandom.current().nextInt(1, 200_000)];
    ThreadLocalRandom.current().nextBytes(bytes);
    uploaded.put(sha256(bytes), bytes);
    HttpResponse<String> response = api.send(ApiClient.withHeaders(api.request("/api/records/" + record + "/files/"
        + key), "Authorization", "Bearer " + token, "Content-Type", "application/octet-stream")
        .PUT(HttpRequest.BodyPublishers.ofByteArray(bytes)).build());
    assertThat(response.statusCode()).as(response.body()).isIn(200, 201);
  }

  @Test
  void theRestoredInstanceHoldsEveryRecordAndFileOfTheSnapshotByteForByte() throws Exception {
    assertThat(writesDuringBackup).as("writes that went on while the backup ran").isPositive();
    InstanceLayout restored = new InstanceLayout(folder.resolve("restored"));
    CommandLineRun.Result result = CommandLineRun.run("", "restore", "--from", backup.toString(),
        "--instance", restored.root().toString());
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.out()).contains("A new secret key was made");

    Map<String, Map<String, Object>> restoredRecords;
    Map<String, Map<String, Object>> restoredFiles;
    try (Connection was = DriverManager.getConnection(original.defaultDatabaseUrl(), "sa", "");
        Connection now = DriverManager.getConnection(restored.defaultDatabaseUrl(), "sa", "")) {
      restoredRecords = rows(now, "select * from records", "id");
      Map<String, Map<String, Object>> originalRecords = rows(was, "select * from records", "id");
      assertThat(restoredRecords.keySet()).containsAll(confirmedBeforeBackup);
      restoredRecords.forEach((id, row) -> assertThat(row).as("record " + id).isEqualTo(originalRecords.get(id)));

      restoredFiles = rows(now, "select * from files", "id");
      Map<String, Map<String, Object>> originalFiles = rows(was, "select * from files", "id");
      for (Map.Entry<String, Map<String, Object>> file : restoredFiles.entrySet()) {
        if (!hotRecord.equals(file.getValue().get("RECORD_ID"))) {
          assertThat(file.getValue()).as("file " + file.getKey()).isEqualTo(originalFiles.get(file.getKey()));
        }
      }
      assertThat(restoredFiles.values().stream().map(row -> row.get("RECORD_ID")).toList())
          .containsAll(confirmedBeforeBackup).contains(hotRecord);
      assertThat(rows(now, "select * from users", "id")).isEqualTo(rows(was, "select * from users", "id"));
      Map<String, Map<String, Object>> audit = rows(now, "select * from audit_log", "id");
      Map<String, Map<String, Object>> originalAudit = rows(was, "select * from audit_log", "id");
      audit.forEach((id, row) -> assertThat(row).as("audit entry " + id).isEqualTo(originalAudit.get(id)));
    }

    CommandLineRun.Result audit = CommandLineRun.run("", "audit", "verify", "--instance", restored.root().toString());
    assertThat(audit.exit()).as(audit.err()).isZero();
    assertThat(audit.out()).contains("Audit chain intact");

    // The restored instance serving: the test certificate, so that the client trusts it.
    Files.copy(ServeProcess.prepare(folder.resolve("certificate")).tlsCertificate(), restored.tlsCertificate(),
        StandardCopyOption.REPLACE_EXISTING);
    Files.copy(new InstanceLayout(folder.resolve("certificate")).tlsPrivateKey(), restored.tlsPrivateKey(),
        StandardCopyOption.REPLACE_EXISTING);
    int port = ServeProcess.freePort();
    try (ConfigurableApplicationContext context = SpringContexts.withWebServer(restored, port)) {
      ApiClient served = client(port);
      HttpResponse<String> me = served.get("/api/me", bearer(token));
      assertThat(me.statusCode()).as("the token made before the backup").isEqualTo(200);
      SessionClient browser = new SessionClient(served);
      browser.login("owner@example.org", TestUsers.PASSWORD);
      assertThat(json(browser.get("/api/me")).path("email").asString()).isEqualTo("owner@example.org");
      for (Map<String, Object> file : restoredFiles.values()) {
        HttpResponse<byte[]> content = served.http().send(served.request("/api/records/" + file.get("RECORD_ID")
            + "/files/" + file.get("FILE_KEY") + "/content").GET().build(), HttpResponse.BodyHandlers.ofByteArray());
        assertThat(content.statusCode()).isEqualTo(200);
        assertThat(content.body()).as("file " + file.get("ID")).isEqualTo(uploaded.get(file.get("SHA256")));
      }
      for (String id : restoredRecords.keySet()) {
        assertThat(served.get("/api/records/" + id).statusCode()).isEqualTo(200);
      }
    }
  }

  @Test
  void anAlteredOrIncompleteBackupIsRefusedNamingTheFileAndNothingIsRestored() throws IOException {
    assertThat(CommandLineRun.run("", "backup", "verify", backup.toString()).out()).startsWith("Backup intact:");

    Path altered = copyOf(backup, "altered");
    Path records = altered.resolve("database/records.jsonl");
    byte[] bytes = Files.readAllBytes(records);
    bytes[bytes.length / 2] ^= 1;
    Files.write(records, bytes);
    assertRefused(altered, records, "altered: its SHA-256 differs from the one in SHA256SUMS");

    Path missingBlob = copyOf(backup, "missing-blob");
    Path blob;
    try (Stream<Path> files = Files.walk(missingBlob.resolve("files"))) {
      blob = files.filter(path -> Files.isRegularFile(path) && !path.endsWith("index.tsv")).sorted()
          .findFirst().orElseThrow();
    }
    Files.delete(blob);
    assertRefused(missingBlob, blob, "missing (listed in SHA256SUMS); the backup is incomplete");

    Path unfinished = copyOf(backup, "unfinished");
    Files.delete(unfinished.resolve("SHA256SUMS"));
    assertRefused(unfinished, unfinished.resolve("SHA256SUMS"),
        "missing: the backup is incomplete (SHA256SUMS is written last)");

    Path added = copyOf(backup, "added");
    Files.writeString(added.resolve("database/extra.jsonl"), "[]\n");
    assertRefused(added, added.resolve("database/extra.jsonl"),
        "not part of the backup (not listed in SHA256SUMS); it was added or renamed");
  }

  void assertRefused(Path damaged, Path file, String problem) throws IOException {
    CommandLineRun.Result verify = CommandLineRun.run("", "backup", "verify", damaged.toString());
    assertThat(verify.exit()).isEqualTo(BackupVerifyCommand.DAMAGED);
    assertThat(verify.err()).isEqualTo("strongroom: backup not intact: " + file + ": " + problem
        + System.lineSeparator());

    Path target = folder.resolve("target-of-" + damaged.getFileName());
    CommandLineRun.Result restore = CommandLineRun.run("", "restore", "--from", damaged.toString(),
        "--instance", target.toString());
    assertThat(restore.exit()).isEqualTo(Failures.CONFIGURATION);
    assertThat(restore.err().lines()).hasSize(1);
    assertThat(restore.err()).contains(file + ": " + problem).contains("nothing restored");
    assertThat(target).doesNotExist();
    assertThat(siblingsStartingWith("." + target.getFileName())).isEmpty();
  }

  @Test
  void aRestoreIntoANonEmptyInstanceIsRefusedUnlessForced() throws IOException {
    Path existing = folder.resolve("existing");
    assertThat(CommandLineRun.run("", "setup", "--instance", existing.toString()).exit()).isZero();
    byte[] key = Files.readAllBytes(existing.resolve("secret.key"));

    CommandLineRun.Result refused = CommandLineRun.run("", "restore", "--from", backup.toString(),
        "--instance", existing.toString());
    assertThat(refused.exit()).isEqualTo(Failures.CONFIGURATION);
    assertThat(refused.err().lines()).hasSize(1);
    assertThat(refused.err()).contains("--instance " + existing + ": not empty").contains("--force");
    assertThat(Files.readAllBytes(existing.resolve("secret.key"))).isEqualTo(key);

    CommandLineRun.Result forced = CommandLineRun.run("", "restore", "--from", backup.toString(),
        "--instance", existing.toString(), "--force");
    assertThat(forced.exit()).as(forced.err()).isZero();
    assertThat(forced.out()).contains("kept at");
    // The replaced instance's key is kept, since the backup holds none.
    assertThat(Files.readAllBytes(existing.resolve("secret.key"))).isEqualTo(key);
    assertThat(siblingsStartingWith("existing.before-restore-")).hasSize(1);
  }

  @Test
  void theSecretKeyIsLeftOutUnlessAskedForAndThenReadableByTheOwnerOnly() throws IOException {
    String key = Files.readString(original.secretKey()).strip();
    try (Stream<Path> files = Files.walk(backup)) {
      for (Path file : files.toList()) {
        String mode = PosixFilePermissions.toString(Files.getPosixFilePermissions(file));
        assertThat(mode).as(file.toString()).isEqualTo(Files.isDirectory(file) ? "rwx------" : "rw-------");
        if (Files.isRegularFile(file)) {
          assertThat(new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1)).as(file.toString())
              .doesNotContain(key);
        }
      }
    }
    assertThat(backup.resolve("instance/secret.key")).doesNotExist();
    assertThat(backup.resolve("instance/tls")).doesNotExist();

    Path withKey = folder.resolve("backup-with-key");
    CommandLineRun.Result result = cli(original, "", "backup", "--to", withKey.toString(), "--include-secret-key");
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(Files.readString(withKey.resolve("instance/secret.key")).strip()).isEqualTo(key);
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(withKey.resolve("instance/secret.key"))))
        .isEqualTo("rw-------");
    // The instance's own TLS pair comes with the key, so that the restored instance serves the same certificate.
    assertThat(withKey.resolve("instance/tls/cert.pem")).hasSameBinaryContentAs(original.tlsCertificate());
    assertThat(withKey.resolve("instance/tls/key.pem")).hasSameBinaryContentAs(original.tlsPrivateKey());
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(withKey.resolve("instance/tls/key.pem"))))
        .isEqualTo("rw-------");
    assertThat(withKey.resolve("instance/secret-key-fallbacks")).as("no fallback configured").doesNotExist();
    assertThat(CommandLineRun.run("", "backup", "verify", withKey.toString()).out()).contains("secret key included");

    Path restored = folder.resolve("restored-with-key");
    assertThat(CommandLineRun.run("", "restore", "--from", withKey.toString(), "--instance", restored.toString())
        .exit()).isZero();
    assertThat(Files.readString(restored.resolve("secret.key")).strip()).isEqualTo(key);
    assertThat(restored.resolve("tls/key.pem")).hasSameBinaryContentAs(original.tlsPrivateKey());
    assertThat(restored.resolve("tls/cert.pem")).hasSameBinaryContentAs(original.tlsCertificate());
  }

  static CommandLineRun.Result cli(InstanceLayout layout, String stdin, String... args) {
    String[] withInstance = java.util.Arrays.copyOf(args, args.length + 2);
    withInstance[args.length] = "--instance";
    withInstance[args.length + 1] = layout.root().toString();
    return CommandLineRun.run(stdin, withInstance);
  }

  static ApiClient client(int port) {
    return new ApiClient(new MockEnvironment().withProperty("local.server.port", Integer.toString(port)));
  }

  static Map<String, Map<String, Object>> rows(Connection connection, String sql, String key) throws SQLException {
    Map<String, Map<String, Object>> rows = new LinkedHashMap<>();
    try (ResultSet rs = connection.createStatement().executeQuery(sql)) {
      ResultSetMetaData meta = rs.getMetaData();
      while (rs.next()) {
        Map<String, Object> row = new LinkedHashMap<>();
        for (int i = 1; i <= meta.getColumnCount(); i++) {
          Object value = rs.getObject(i);
          row.put(meta.getColumnName(i), value instanceof byte[] b ? HexFormat.of().formatHex(b) : value);
        }
        rows.put(rs.getString(key), row);
      }
    }
    return rows;
  }

  static Path copyOf(Path source, String name) throws IOException {
    Path target = folder.resolve(name);
    try (Stream<Path> files = Files.walk(source)) {
      for (Path file : files.toList()) {
        Path copy = target.resolve(source.relativize(file).toString());
        if (Files.isDirectory(file)) {
          Files.createDirectories(copy);
        } else {
          Files.copy(file, copy);
        }
      }
    }
    return target;
  }

  static List<Path> siblingsStartingWith(String prefix) throws IOException {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.filter(path -> path.getFileName().toString().startsWith(prefix)).toList();
    }
  }

  static String sha256(byte[] bytes) {
    try {
      return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
    } catch (java.security.NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
