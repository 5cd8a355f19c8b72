package org.strongroom.audit;

import java.io.BufferedReader;
import java.io.Closeable;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.FileSystems;
import java.nio.file.Files;
import java.nio.file.NoSuchFileException;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.nio.file.attribute.PosixFilePermissions;

import org.springframework.stereotype.Component;

/** The JSON-lines copy of the audit log: one entry per line, appended, readable by the owner only. */
@Component
class AuditFile {

  private final Path path;

  AuditFile(AuditProperties properties) {
    this.path = properties.file().toAbsolutePath().normalize();
  }

  Path path() {
    return path;
  }

  /** Called while the chain head is locked, so lines are written in chain order. */
  void append(AuditEntry entry) {
    try {
      if (!Files.exists(path)) {
        create();
      }
      Files.writeString(path, entry.jsonLine() + "\n", StandardCharsets.UTF_8,
          StandardOpenOption.WRITE, StandardOpenOption.APPEND);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot write the audit file " + path, e);
    }
  }

  private void create() throws IOException {
    Files.createDirectories(path.getParent());
    try {
      if (FileSystems.getDefault().supportedFileAttributeViews().contains("posix")) {
        Files.createFile(path, PosixFilePermissions.asFileAttribute(PosixFilePermissions.fromString("rw-------")));
      } else {
        Files.createFile(path);
      }
    } catch (java.nio.file.FileAlreadyExistsException e) {
      // another writer created it first
    }
  }

  /** Reads the file line by line; a missing file reads as empty. */
  Lines lines() {
    try {
      return new Lines(Files.newBufferedReader(path, StandardCharsets.UTF_8));
    } catch (NoSuchFileException e) {
      return new Lines(null);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the audit file " + path, e);
    }
  }

  static final class Lines implements Closeable {
    private final BufferedReader reader;
    private long number;

    Lines(BufferedReader reader) {
      this.reader = reader;
    }

    /** The next non-empty line, or null at the end. */
    String next() {
      if (reader == null) {
        return null;
      }
      try {
        String line;
        do {
          line = reader.readLine();
          number++;
        } while (line != null && line.isBlank());
        return line;
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    }

    long number() {
      return number;
    }

    @Override
    public void close() throws IOException {
      if (reader != null) {
        reader.close();
      }
    }
  }
}
