package org.strongroom.backup;

import java.io.BufferedReader;
import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStream;
import java.io.OutputStreamWriter;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.sql.SQLException;
import java.time.Clock;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeMap;
import java.util.stream.Stream;

import javax.sql.DataSource;

import org.strongroom.audit.AuditVerifier;
import org.strongroom.files.BlobArchive;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InstanceProperties;
import org.strongroom.instance.InvalidConfiguration;
import org.strongroom.secrets.SecretsProperties;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Service;

/**
 * Writes a backup of the instance this context runs, while its server may be serving:
 * <ol>
 * <li>every blob stored now is copied (blobs never change once stored);</li>
 * <li>the database is written from one snapshot ({@link DatabaseSnapshot});</li>
 * <li>the blobs the snapshot refers to that were stored after step 1 are copied; one deleted in
 *     between (replaced after the snapshot) means another snapshot, a few times at most;</li>
 * <li>every copied blob must match the SHA-256 the database holds for it; the ones the snapshot
 *     does not refer to are dropped;</li>
 * <li>the audit file up to the snapshot's last entry, and the instance's configuration,
 *     templates, schemas and plugins; its secret key, fallback keys and self-managed TLS pair
 *     only when asked;</li>
 * <li>{@code backup.json}, then {@code SHA256SUMS} last: a backup without it is incomplete.</li>
 * </ol>
 * With S3 storage the blobs stay in the bucket; {@code files/index.tsv} lists each with its sums.
 */
@Service
public class BackupWriter {

  /** What was written: the manifest, and the SHA-256 of SHA256SUMS (worth keeping elsewhere). */
  public record Summary(Path folder, BackupManifest manifest, long fileCount, String sumsDigest) {}

  static final String INDEX = "files/index.tsv";
  static final String AUDIT = "audit.jsonl";
  static final String INSTANCE = "instance/";
  static final List<String> INSTANCE_FOLDERS = List.of("templates", "schemas", "plugins");
  static final String SECRET_KEY = INSTANCE + "secret.key";
  static final String FALLBACK_KEYS = INSTANCE + "secret-key-fallbacks";
  private static final int ATTEMPTS = 5;

  private final DataSource dataSource;
  private final BlobArchive blobs;
  private final AuditVerifier audit;
  private final SecretsProperties secrets;
  private final InstanceLayout instance;
  private final Environment environment;
  private final Clock clock;

  BackupWriter(DataSource dataSource, BlobArchive blobs, AuditVerifier audit, SecretsProperties secrets,
      InstanceProperties instance, Environment environment, Clock clock) {
    this.dataSource = dataSource;
    this.blobs = blobs;
    this.audit = audit;
    this.secrets = secrets;
    this.instance = instance.layout();
    this.environment = environment;
    this.clock = clock;
  }

  public Summary write(Path to, boolean includeSecretKey, String version) {
    Path root = to.toAbsolutePath().normalize();
    boolean existed = Files.isDirectory(root);
    if (Files.exists(root) && (!existed || !isEmpty(root))) {
      throw new InvalidConfiguration("--to " + to + ": not an empty folder; back up into a new or empty folder");
    }
    if (root.startsWith(instance.root())) {
      throw new InvalidConfiguration("--to " + to + ": inside the instance folder " + instance.root()
          + "; back up to a folder outside it (ideally on another disk)");
    }
    try {
      BackupFiles.folder(root);
      return writeInto(root, includeSecretKey, version);
    } catch (IOException | SQLException | RuntimeException e) {
      discard(root, existed);
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new IllegalStateException("backup failed: " + e.getMessage(), e);
    }
  }

  private Summary writeInto(Path root, boolean includeSecretKey, String version) throws IOException, SQLException {
    String created = clock.instant().toString();
    boolean local = "local".equals(blobs.storageType());
    Set<String> copied = new HashSet<>();
    DatabaseSnapshot.Result snapshot = null;
    for (int attempt = 1; snapshot == null; attempt++) {
      if (local) {
        for (String name : blobs.names()) {
          if (!copied.contains(name) && copyBlob(root, name, -1)) {
            copied.add(name);
          }
        }
      }
      deleteTree(root.resolve("database"));
      DatabaseSnapshot.Result taken = DatabaseSnapshot.write(dataSource, root);
      boolean complete = true;
      if (local) {
        for (DatabaseSnapshot.Blob blob : taken.blobs()) {
          if (!copied.contains(blob.name())) {
            if (!copyBlob(root, blob.name(), blob.size())) {
              complete = false;
              break;
            }
            copied.add(blob.name());
          }
        }
      }
      if (complete) {
        snapshot = taken;
      } else if (attempt == ATTEMPTS) {
        throw new IllegalStateException("files were replaced faster than " + ATTEMPTS + " snapshots could copy "
            + "them; run the backup again");
      }
    }
    Map<String, String> sums = new TreeMap<>();
    Set<String> referenced = new HashSet<>();
    StringBuilder index = new StringBuilder("# blob\tsize\tsha256\tmd5\n");
    for (DatabaseSnapshot.Blob blob : snapshot.blobs()) {
      referenced.add(blob.name());
      index.append(blob.name()).append('\t').append(blob.size()).append('\t').append(blob.sha256()).append('\t')
          .append(blob.md5()).append('\n');
      if (local) {
        String path = blobPath(blob.name());
        String sum = Checksums.of(root.resolve(path));
        if (!sum.equals(blob.sha256())) {
          throw new IllegalStateException("the stored blob " + blob.name() + " does not match the SHA-256 the "
              + "database holds for it: the file store is damaged there");
        }
        sums.put(path, sum);
      }
    }
    for (String name : copied) {
      if (!referenced.contains(name)) {
        Files.delete(root.resolve(blobPath(name)));
      }
    }
    BackupFiles.writeString(root.resolve(INDEX), index.toString());
    writeAuditFile(root, snapshot.auditEntries());
    copyInstance(root, includeSecretKey);
    BackupManifest manifest = new BackupManifest(BackupManifest.FORMAT, created, version, snapshot.database(),
        snapshot.schemaVersion(), blobs.storageType(), snapshot.blobs().size(), snapshot.auditEntries(),
        snapshot.auditHead(), includeSecretKey, snapshot.tables());
    BackupFiles.writeString(root.resolve(BackupManifest.FILE),
        BackupCheck.JSON.writerWithDefaultPrettyPrinter().writeValueAsString(manifest) + "\n");
    for (String path : files(root)) {
      sums.computeIfAbsent(path, p -> Checksums.of(root.resolve(p)));
    }
    Checksums.write(root, sums);
    return new Summary(root, manifest, sums.size() + 1, Checksums.of(root.resolve(Checksums.FILE)));
  }

  static String blobPath(String name) {
    return "files/" + name.substring(0, 2) + "/" + name;
  }

  /** Copies a blob; false when it is gone (deleted since it was listed or since the snapshot). */
  private boolean copyBlob(Path root, String name, long size) throws IOException {
    Path target = root.resolve(blobPath(name));
    try (OutputStream out = BackupFiles.create(target)) {
      blobs.copy(name, size >= 0 ? size : Long.MAX_VALUE, out);
      return true;
    } catch (NoSuchFileException e) {
      Files.deleteIfExists(target);
      return false;
    }
  }

  /** The audit file's lines up to the snapshot's last entry (later ones are not in the snapshot). */
  private void writeAuditFile(Path root, long lastId) throws IOException {
    Path file = audit.file();
    try (BufferedWriter out = new BufferedWriter(new OutputStreamWriter(BackupFiles.create(root.resolve(AUDIT)),
        StandardCharsets.UTF_8))) {
      if (!Files.exists(file)) {
        return;
      }
      try (BufferedReader in = Files.newBufferedReader(file, StandardCharsets.UTF_8)) {
        for (String line = in.readLine(); line != null; line = in.readLine()) {
          if (line.isBlank()) {
            continue;
          }
          long id = BackupCheck.JSON.readTree(line).path("id").asLong(Long.MAX_VALUE);
          if (id <= lastId) {
            out.write(line);
            out.write('\n');
          }
        }
      }
    }
  }

  private void copyInstance(Path root, boolean includeSecretKey) throws IOException {
    List<String> secretValues = new ArrayList<>(secrets.secretKeyFallbacks());
    if (secrets.secretKey() != null && !secrets.secretKey().isBlank()) {
      secretValues.add(secrets.secretKey());
    }
    List<Path> sources = new ArrayList<>();
    if (Files.isRegularFile(instance.config())) {
      sources.add(instance.config());
    }
    for (String folder : INSTANCE_FOLDERS) {
      Path dir = instance.root().resolve(folder);
      if (Files.isDirectory(dir)) {
        try (Stream<Path> files = Files.walk(dir)) {
          files.filter(Files::isRegularFile).sorted().forEach(sources::add);
        }
      }
    }
    for (Path source : sources) {
      if (!includeSecretKey && holdsAny(source, secretValues)) {
        throw new InvalidConfiguration(source + " holds the instance secret key (strongroom.secret-key or a "
            + "fallback), which a backup leaves out; keep it in secret.key or STRONGROOM_SECRET_KEY, or back up "
            + "with --include-secret-key");
      }
      BackupFiles.copy(source, root.resolve(INSTANCE + instance.root().relativize(source).toString()));
    }
    if (includeSecretKey) {
      BackupFiles.writeString(root.resolve(SECRET_KEY), secrets.secretKey() + "\n");
      if (!secrets.secretKeyFallbacks().isEmpty()) {
        BackupFiles.writeString(root.resolve(FALLBACK_KEYS), String.join("\n", secrets.secretKeyFallbacks()) + "\n");
      }
      for (Path file : selfManagedTlsFiles()) {
        BackupFiles.copy(file, root.resolve(INSTANCE + instance.root().relativize(file).toString()));
      }
    }
  }

  /**
   * The HTTPS certificate and its private key when both lie in the instance folder (setup's
   * self-signed pair, or one the operator keeps there): without them a restored instance would
   * serve another certificate, which clients that pinned or trusted this one refuse. Files kept
   * elsewhere (e.g. by an ACME client) are that tool's to back up.
   */
  private List<Path> selfManagedTlsFiles() {
    List<Path> files = new ArrayList<>();
    for (String key : List.of("strongroom.tls.certificate", "strongroom.tls.private-key")) {
      String value = environment.getProperty(key);
      if (value == null) {
        return List.of();
      }
      Path file = instance.root().resolve(value).toAbsolutePath().normalize();
      if (!file.startsWith(instance.root()) || !Files.isRegularFile(file)) {
        return List.of();
      }
      files.add(file);
    }
    return files;
  }

  private static boolean holdsAny(Path file, List<String> values) throws IOException {
    if (values.isEmpty() || Files.size(file) > 10_000_000) {
      return false;
    }
    String text = new String(Files.readAllBytes(file), StandardCharsets.ISO_8859_1);
    return values.stream().anyMatch(text::contains);
  }

  static List<String> files(Path root) throws IOException {
    try (Stream<Path> files = Files.walk(root)) {
      return files.filter(Files::isRegularFile).map(path -> root.relativize(path).toString().replace('\\', '/'))
          .filter(path -> !path.equals(Checksums.FILE)).sorted().toList();
    }
  }

  private static boolean isEmpty(Path folder) {
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.findAny().isEmpty();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static void deleteTree(Path path) throws IOException {
    if (!Files.exists(path)) {
      return;
    }
    try (Stream<Path> files = Files.walk(path)) {
      for (Path file : files.sorted(Comparator.reverseOrder()).toList()) {
        Files.delete(file);
      }
    }
  }

  /** After a failure: nothing that could pass for a backup is left behind. */
  private static void discard(Path root, boolean keepFolder) {
    try {
      if (keepFolder) {
        try (Stream<Path> entries = Files.list(root)) {
          for (Path entry : entries.toList()) {
            deleteTree(entry);
          }
        }
      } else {
        deleteTree(root);
      }
    } catch (IOException e) {
      // The backup has no SHA256SUMS, so it cannot pass for a complete one.
    }
  }
}
