package org.strongroom.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;

import org.springframework.boot.context.properties.bind.Binder;
import org.strongroom.files.BlobArchive;
import org.strongroom.files.StorageProperties;
import org.strongroom.instance.InvalidConfiguration;
import org.strongroom.secrets.SecretBox;
import org.strongroom.secrets.SecretKeyRing;
import org.strongroom.secrets.SecretsProperties;

/**
 * The bucket in which {@code backup verify} reads back the objects a backup of an S3 instance
 * lists. The bucket is the one the backup's own {@code instance/strongroom.yml} names, or, with
 * {@code --instance DIR}, the one that instance uses (the backed-up instance itself, or one set
 * up on a copy of the bucket). Its S3 secret is sealed under the backed-up instance's secret key:
 * it is opened with {@code --secret-key-file}, or else with the key that folder holds (a backup
 * holds one only when made with {@code --include-secret-key}). A secret is never taken from the
 * command line. The settings are read as every command reads them, environment variables
 * included, with nothing started and nothing written.
 */
final class BackupBucket {

  /** Why the objects cannot be reached with what was given: they are reported as not checked. */
  static final class Unreachable extends Exception {
    Unreachable(String reason) {
      super(reason, null, false, false);
    }
  }

  private BackupBucket() {}

  /** The bucket, opened; close it when done. */
  static BlobArchive open(Path backup, Path instance, Path secretKeyFile) throws Unreachable, IOException {
    Path backupSettings = backup.toAbsolutePath().normalize().resolve("instance");
    Path folder = instance != null ? instance.toAbsolutePath().normalize() : backupSettings;
    if (instance != null && !Files.isDirectory(folder)) {
      throw new InvalidConfiguration("--instance " + instance + ": no such folder");
    }
    if (instance == null && !Files.isRegularFile(folder.resolve("strongroom.yml"))) {
      throw new Unreachable("the backup holds no instance/strongroom.yml to name their bucket");
    }
    Binder settings = Binder.get(SpringContexts.settings(folder));
    StorageProperties storage = settings.bindOrCreate("strongroom.storage", StorageProperties.class);
    if (!"s3".equals(storage.type())) {
      if (instance != null) {
        throw new InvalidConfiguration("--instance " + instance + ": its files are in a local folder, not in an S3 "
            + "bucket; give an instance whose strongroom.storage.s3.* names the backup's bucket (or a copy of it)");
      }
      throw new Unreachable("the backup's instance/strongroom.yml names no S3 bucket (strongroom.storage.* was "
          + "set elsewhere on the backed-up server?)");
    }
    SecretsProperties keys = settings.bindOrCreate("strongroom", SecretsProperties.class);
    String key = secretKeyFile != null ? readKey(secretKeyFile) : keys.secretKey();
    if (key == null || key.isBlank()) {
      throw new Unreachable("the S3 secret is sealed under the backed-up instance's secret key, which "
          + (instance != null ? "--instance " + instance + " does not hold" : "the backup does not hold"));
    }
    String keySource = secretKeyFile != null ? "--secret-key-file " + secretKeyFile
        : instance != null ? "the secret key of --instance " + instance : "the backup's instance/secret.key";
    List<String> fallbacks = new ArrayList<>(keys.secretKeyFallbacks());
    Path backedUpFallbacks = backupSettings.resolve("secret-key-fallbacks");
    if (instance == null && Files.isRegularFile(backedUpFallbacks)) {
      Files.readAllLines(backedUpFallbacks, StandardCharsets.UTF_8).stream().map(String::strip)
          .filter(line -> !line.isEmpty()).forEach(fallbacks::add);
    }
    SecretBox box;
    try {
      box = new SecretBox(new SecretKeyRing(new SecretsProperties(key, fallbacks)));
    } catch (IllegalStateException e) {
      throw new InvalidConfiguration(keySource + ": " + e.getMessage(), e);
    }
    try {
      return BlobArchive.open(storage, box);
    } catch (SecretBox.SecretBoxException e) {
      throw new InvalidConfiguration("strongroom.storage.s3.secret-access-key-sealed does not open with "
          + keySource + ": not the secret key of the instance that sealed it", e);
    }
  }

  private static String readKey(Path file) throws IOException {
    if (!Files.isRegularFile(file)) {
      throw new InvalidConfiguration("--secret-key-file " + file + ": no such file");
    }
    return Files.readString(file, StandardCharsets.UTF_8).strip();
  }
}
