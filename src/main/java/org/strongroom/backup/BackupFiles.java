package org.strongroom.backup;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.FileAttribute;
import java.nio.file.attribute.PosixFilePermissions;

/**
 * Files of a backup: folders 0700, files 0600. A backup holds every record, password hashes and
 * the audit log, so it is readable by its owner only, like the instance itself.
 */
final class BackupFiles {

  private static final boolean POSIX = FileSystems.getDefault().supportedFileAttributeViews().contains("posix");

  private BackupFiles() {}

  static Path folder(Path folder) throws IOException {
    if (!Files.isDirectory(folder)) {
      if (POSIX) {
        Files.createDirectories(folder.toAbsolutePath().getParent());
        Files.createDirectory(folder, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rwx------")));
      } else {
        Files.createDirectories(folder);
      }
    }
    return folder;
  }

  static OutputStream create(Path file) throws IOException {
    folders(file.getParent());
    FileAttribute<?>[] attributes = POSIX
        ? new FileAttribute<?>[] {PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------"))}
        : new FileAttribute<?>[0];
    Files.createFile(file, attributes);
    return Files.newOutputStream(file);
  }

  static void writeString(Path file, String text) throws IOException {
    try (OutputStream out = create(file)) {
      out.write(text.getBytes(StandardCharsets.UTF_8));
    }
  }

  static void copy(Path from, Path to) throws IOException {
    try (OutputStream out = create(to)) {
      Files.copy(from, out);
    }
  }

  private static void folders(Path folder) throws IOException {
    if (folder != null && !Files.isDirectory(folder)) {
      folders(folder.getParent());
      folder(folder);
    }
  }
}
