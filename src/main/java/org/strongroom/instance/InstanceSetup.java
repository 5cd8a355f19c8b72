package org.strongroom.instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileAlreadyExistsException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;

import org.strongroom.secrets.SecretKeys;

/**
 * Creates an instance folder: configuration, secret key, TLS certificate and folders.
 * Safe to run again: it never overwrites a key, a certificate or a database.
 */
@org.springframework.modulith.NamedInterface("setup")
public final class InstanceSetup {

  private InstanceSetup() {}

  /** Creates what is missing and returns the paths it created. */
  public static List<Path> ensure(InstanceLayout layout, Clock clock) {
    List<Path> created = new ArrayList<>();
    try {
      mkdirs(layout.root(), created);
      mkdirs(layout.files(), created);
      mkdirs(layout.logs(), created);
      // 0700: the database files, and the lock file holding the key to H2's port for commands
      // beside a running server, are the server user's alone.
      mkdirs(layout.databaseFolder(), created, true);
      mkdirs(layout.tlsCertificate().getParent(), created);
      // 0600: the file may come to hold a database password or a sealed storage secret.
      if (writeNew(layout.config(), defaultConfig(), true)) {
        created.add(layout.config());
      }
      if (writeNew(layout.secretKey(), SecretKeys.generate() + "\n", true)) {
        created.add(layout.secretKey());
      }
      if (!Files.exists(layout.tlsCertificate()) && !Files.exists(layout.tlsPrivateKey())) {
        SelfSignedCertificate certificate = SelfSignedCertificate.generate(clock.instant());
        writeNew(layout.tlsPrivateKey(), certificate.privateKeyPem(), true);
        writeNew(layout.tlsCertificate(), certificate.certificatePem(), false);
        created.add(layout.tlsCertificate());
        created.add(layout.tlsPrivateKey());
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Could not set up the instance folder " + layout.root()
          + ": " + e.getMessage(), e);
    }
    return created;
  }

  private static void mkdirs(Path dir, List<Path> created) throws IOException {
    mkdirs(dir, created, false);
  }

  private static void mkdirs(Path dir, List<Path> created, boolean ownerOnly) throws IOException {
    if (!Files.isDirectory(dir)) {
      Files.createDirectories(dir);
      if (ownerOnly && supportsPosix(dir)) {
        Files.setPosixFilePermissions(dir, PosixFilePermissions.fromString("rwx------"));
      }
      created.add(dir);
    }
  }

  /** Writes a file only if it does not exist; secret files are created with mode 0600. */
  private static boolean writeNew(Path file, String content, boolean secret) throws IOException {
    try {
      if (secret && supportsPosix(file)) {
        Files.createFile(file, PosixFilePermissions.asFileAttribute(
            PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(file);
      }
    } catch (FileAlreadyExistsException e) {
      return false;
    }
    Files.writeString(file, content, StandardCharsets.UTF_8, StandardOpenOption.TRUNCATE_EXISTING);
    return true;
  }

  private static boolean supportsPosix(Path file) {
    return file.getFileSystem().supportedFileAttributeViews().contains("posix");
  }

  private static String defaultConfig() {
    try (var in = InstanceSetup.class.getResourceAsStream("/instance/strongroom.yml")) {
      return new String(in.readAllBytes(), StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
