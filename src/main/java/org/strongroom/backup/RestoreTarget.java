package org.strongroom.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.time.Clock;
import java.time.format.DateTimeFormatter;
import java.time.ZoneOffset;
import java.util.List;
import java.util.UUID;
import java.util.stream.Stream;

import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InstanceSetup;
import org.strongroom.instance.InvalidConfiguration;

/**
 * The folder a restore builds: a hidden sibling of the target, renamed into place only once
 * everything is in it, so that a failed restore leaves the target as it was. A target that holds
 * anything but a {@code strongroom.yml} of the operator's (used instead of the backup's, e.g. to
 * name another database) is refused unless forced; then it is kept aside, not deleted.
 */
public final class RestoreTarget {

  private final Path target;
  private final InstanceLayout staging;
  private final boolean keyFromBackup;
  private final boolean newKey;
  private final boolean configFromTarget;
  private final List<String> fallbackKeys;
  private final Clock clock;

  private RestoreTarget(Path target, InstanceLayout staging, boolean keyFromBackup, boolean newKey,
      boolean configFromTarget, List<String> fallbackKeys, Clock clock) {
    this.target = target;
    this.staging = staging;
    this.keyFromBackup = keyFromBackup;
    this.newKey = newKey;
    this.configFromTarget = configFromTarget;
    this.fallbackKeys = fallbackKeys;
    this.clock = clock;
  }

  public static RestoreTarget prepare(Path instance, Path backup, boolean force, Path secretKeyFile, Clock clock) {
    Path target = instance.toAbsolutePath().normalize();
    Path from = backup.toAbsolutePath().normalize();
    InstanceLayout existing = new InstanceLayout(target);
    List<String> contents = contents(target);
    boolean onlyConfig = contents.equals(List.of("strongroom.yml"));
    if (!contents.isEmpty() && !onlyConfig && !force) {
      throw new InvalidConfiguration("--instance " + instance + ": not empty (it holds " + String.join(", ",
          contents.subList(0, Math.min(4, contents.size()))) + "); restore into a new folder, or add --force to "
          + "replace it (the old one is kept beside it)");
    }
    if (Files.exists(existing.databaseFolder().resolve("strongroom.lock.db"))) {
      throw new InvalidConfiguration(existing.databaseFolder().resolve("strongroom.lock.db") + ": the instance's "
          + "database is open (a server or command is running); stop it first, or remove the file if none is");
    }
    if (secretKeyFile != null && !Files.isRegularFile(secretKeyFile)) {
      throw new InvalidConfiguration("--secret-key-file " + secretKeyFile + ": no such file");
    }
    InstanceLayout staging = new InstanceLayout(target.resolveSibling("." + target.getFileName() + ".restoring-"
        + UUID.randomUUID().toString().substring(0, 8)));
    try {
      BackupFiles.folder(staging.root());
      Path config = from.resolve(BackupWriter.INSTANCE + "strongroom.yml");
      boolean configFromTarget = Files.isRegularFile(existing.config());
      if (configFromTarget) {
        BackupFiles.copy(existing.config(), staging.config());
      } else if (Files.isRegularFile(config)) {
        BackupFiles.copy(config, staging.config());
      }
      for (String folder : BackupWriter.INSTANCE_FOLDERS) {
        copyTree(from.resolve(BackupWriter.INSTANCE + folder), staging.root().resolve(folder));
      }
      Path key = from.resolve(BackupWriter.SECRET_KEY);
      boolean keyFromBackup = Files.isRegularFile(key);
      if (keyFromBackup) {
        BackupFiles.copy(key, staging.secretKey());
      } else if (secretKeyFile != null) {
        BackupFiles.copy(secretKeyFile, staging.secretKey());
      } else if (Files.isRegularFile(existing.secretKey())) {
        BackupFiles.copy(existing.secretKey(), staging.secretKey());
      }
      if (Files.isRegularFile(existing.tlsCertificate()) && Files.isRegularFile(existing.tlsPrivateKey())) {
        BackupFiles.copy(existing.tlsCertificate(), staging.tlsCertificate());
        BackupFiles.copy(existing.tlsPrivateKey(), staging.tlsPrivateKey());
      } else {
        copyTlsFiles(from.resolve(BackupWriter.INSTANCE), staging.root());
      }
      Path fallbackFile = from.resolve(BackupWriter.FALLBACK_KEYS);
      List<String> fallbacks = keyFromBackup && Files.isRegularFile(fallbackFile)
          ? Files.readAllLines(fallbackFile).stream().map(String::strip).filter(line -> !line.isEmpty()).toList()
          : List.of();
      boolean newKey = !Files.exists(staging.secretKey());
      InstanceSetup.ensure(staging, clock);
      return new RestoreTarget(target, staging, keyFromBackup, newKey, configFromTarget, fallbacks, clock);
    } catch (IOException | RuntimeException e) {
      deleteQuietly(staging.root());
      if (e instanceof RuntimeException runtime) {
        throw runtime;
      }
      throw new UncheckedIOException((IOException) e);
    }
  }

  /** The instance being built. */
  public InstanceLayout staging() {
    return staging;
  }

  public boolean keyFromBackup() {
    return keyFromBackup;
  }

  /**
   * Whether the configuration is the target folder's own rather than the backup's: only then may
   * a forced restore empty the database it names (the backup's names the backed-up instance's).
   */
  public boolean configFromTarget() {
    return configFromTarget;
  }

  /**
   * The fallback keys of the backed-up instance (backed up with its key, during a rotation):
   * restore opens what is still sealed under them and seals it again under the current key,
   * so that the restored instance needs no fallback. Held in memory only.
   */
  public List<String> fallbackKeys() {
    return fallbackKeys;
  }

  /** Whether setup generated a new secret key (none in the backup, none given). */
  public boolean newSecretKey() {
    return newKey;
  }

  /** Puts the restored instance in place; returns where a replaced one was kept, if any. */
  public Path commit() throws IOException {
    Path keptAside = null;
    if (Files.exists(target)) {
      if (contents(target).equals(List.of("strongroom.yml"))) {
        Files.delete(target.resolve("strongroom.yml"));
        Files.delete(target);
      } else {
        keptAside = target.resolveSibling(target.getFileName() + ".before-restore-"
            + DateTimeFormatter.ofPattern("yyyyMMdd-HHmmss").withZone(ZoneOffset.UTC).format(clock.instant()));
        Files.move(target, keptAside, StandardCopyOption.ATOMIC_MOVE);
      }
    }
    Files.move(staging.root(), target, StandardCopyOption.ATOMIC_MOVE);
    return keptAside;
  }

  /** After a failure: the half-built instance goes, the target was never touched. */
  public void abandon() {
    deleteQuietly(staging.root());
  }

  private static List<String> contents(Path folder) {
    if (!Files.isDirectory(folder)) {
      if (Files.exists(folder)) {
        throw new InvalidConfiguration("--instance " + folder + ": not a folder");
      }
      return List.of();
    }
    try (Stream<Path> entries = Files.list(folder)) {
      return entries.map(path -> path.getFileName().toString()).sorted().toList();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static void copyTree(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        BackupFiles.copy(file, to.resolve(from.relativize(file).toString()));
      }
    }
  }

  /**
   * The TLS pair the backup holds (with the secret key only), at the same place in the instance
   * folder: everything under {@code instance/} that is not configuration, key, or a folder copied
   * on its own.
   */
  private static void copyTlsFiles(Path from, Path to) throws IOException {
    if (!Files.isDirectory(from)) {
      return;
    }
    List<String> handled = List.of("strongroom.yml", "secret.key", "secret-key-fallbacks");
    try (Stream<Path> files = Files.walk(from)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        String relative = from.relativize(file).toString();
        String top = from.relativize(file).getName(0).toString();
        if (!handled.contains(relative) && !BackupWriter.INSTANCE_FOLDERS.contains(top)) {
          BackupFiles.copy(file, to.resolve(relative));
        }
      }
    }
  }

  private static void deleteQuietly(Path folder) {
    try {
      BackupWriter.deleteTree(folder);
    } catch (IOException e) {
      // Left for the operator; it is a hidden folder named .<instance>.restoring-*.
    }
  }
}
