package org.strongroom.backup;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.DigestInputStream;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * {@code SHA256SUMS}: one line per file, {@code <sha-256 hex>  <path>}, the format of
 * {@code sha256sum}, so that {@code sha256sum -c SHA256SUMS} checks a backup without Strongroom.
 */
final class Checksums {

  static final String FILE = "SHA256SUMS";
  private static final Pattern LINE = Pattern.compile("([0-9a-f]{64})  (\\S.*)");

  private Checksums() {}

  static MessageDigest sha256() {
    try {
      return MessageDigest.getInstance("SHA-256");
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  static String of(Path file) {
    MessageDigest digest = sha256();
    try (InputStream in = new DigestInputStream(Files.newInputStream(file), digest)) {
      in.transferTo(java.io.OutputStream.nullOutputStream());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    return HexFormat.of().formatHex(digest.digest());
  }

  static void write(Path folder, Map<String, String> sums) throws IOException {
    StringBuilder text = new StringBuilder();
    new TreeMap<>(sums).forEach((path, sum) -> text.append(sum).append("  ").append(path).append('\n'));
    BackupFiles.writeString(folder.resolve(FILE), text.toString());
  }

  /** The sums by relative path; a line that is not a sum line makes the file bad. */
  static SortedMap<String, String> read(Path folder) {
    Path file = folder.resolve(FILE);
    List<String> lines;
    try {
      lines = Files.readAllLines(file, StandardCharsets.UTF_8);
    } catch (java.nio.file.NoSuchFileException e) {
      throw new BackupDamaged(file, "missing: the backup is incomplete (SHA256SUMS is written last)");
    } catch (IOException e) {
      throw new BackupDamaged(file, "cannot be read (" + e.getClass().getSimpleName() + ")");
    }
    SortedMap<String, String> sums = new TreeMap<>();
    for (int i = 0; i < lines.size(); i++) {
      Matcher line = LINE.matcher(lines.get(i));
      if (!line.matches() || !safe(line.group(2)) || sums.put(line.group(2), line.group(1)) != null) {
        throw new BackupDamaged(file, "line " + (i + 1) + " is not '<sha-256>  <file>' naming a file once");
      }
    }
    return sums;
  }

  /** A relative path inside the backup, without {@code ..} or a leading slash. */
  static boolean safe(String path) {
    if (path.startsWith("/") || path.contains("\\")) {
      return false;
    }
    for (String part : path.split("/")) {
      if (part.isEmpty() || part.equals(".") || part.equals("..")) {
        return false;
      }
    }
    return true;
  }
}
