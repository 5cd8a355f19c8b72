package org.strongroom.backup;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.SortedMap;
import java.util.SortedSet;
import java.util.TreeSet;
import java.util.stream.Stream;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.json.JsonMapper;

/**
 * Checks a backup folder before anything trusts it: {@code SHA256SUMS} is there (it is written
 * last), every file it lists is present with that sum, no other file is there, and
 * {@code backup.json} and every table file it names are among them. The first bad file, in
 * path order, is named.
 */
public final class BackupCheck {

  static final JsonMapper JSON = JsonMapper.builder().build();

  private BackupCheck() {}

  /** The backup's manifest once every file checks out; otherwise {@link BackupDamaged}. */
  public static BackupManifest verify(Path folder) {
    Path root = folder.toAbsolutePath().normalize();
    if (!Files.isDirectory(root)) {
      throw new BackupDamaged(root, "no such folder");
    }
    SortedMap<String, String> sums = Checksums.read(root);
    SortedSet<String> paths = new TreeSet<>(sums.keySet());
    paths.addAll(present(root));
    for (String path : paths) {
      Path file = root.resolve(path);
      String expected = sums.get(path);
      if (expected == null) {
        throw new BackupDamaged(file, "not part of the backup (not listed in SHA256SUMS); it was added or renamed");
      }
      if (!Files.isRegularFile(file)) {
        throw new BackupDamaged(file, "missing (listed in SHA256SUMS); the backup is incomplete");
      }
      if (!expected.equals(Checksums.of(file))) {
        throw new BackupDamaged(file, "altered: its SHA-256 differs from the one in SHA256SUMS");
      }
    }
    Path manifestFile = root.resolve(BackupManifest.FILE);
    if (!sums.containsKey(BackupManifest.FILE)) {
      throw new BackupDamaged(manifestFile, "missing; this is not a Strongroom backup");
    }
    BackupManifest manifest;
    try {
      manifest = JSON.readValue(manifestFile.toFile(), BackupManifest.class);
    } catch (JacksonException e) {
      throw new BackupDamaged(manifestFile, "is not a backup manifest");
    }
    if (manifest.format() != BackupManifest.FORMAT) {
      throw new BackupDamaged(manifestFile, "format " + manifest.format() + " is not known to this version "
          + "(it reads format " + BackupManifest.FORMAT + ")");
    }
    for (BackupManifest.Table table : manifest.tables()) {
      if (!sums.containsKey(table.file())) {
        throw new BackupDamaged(root.resolve(table.file()), "missing (named in backup.json); the backup is incomplete");
      }
    }
    return manifest;
  }

  private static SortedSet<String> present(Path root) {
    SortedSet<String> present = new TreeSet<>();
    try (Stream<Path> files = Files.walk(root)) {
      files.filter(path -> !Files.isDirectory(path)).map(path -> root.relativize(path).toString().replace('\\', '/'))
          .filter(path -> !path.equals(Checksums.FILE)).forEach(present::add);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return present;
  }
}
