package org.strongroom.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.ByteBuffer;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardOpenOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.util.stream.Stream;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.http.HttpStatus;
import org.strongroom.core.ApiException;

/**
 * Receives an upload body into a temporary file next to the blobs, with constant memory:
 * a fixed buffer, SHA-256 and MD5 computed on the way, the size counted against the limit
 * while streaming (so a chunked body cannot exceed it), then synced to disk.
 */
class UploadStaging {

  /** A complete, synced upload waiting to be stored. */
  record Staged(Path path, long size, byte[] sha256, byte[] md5) {}

  private static final Logger log = LoggerFactory.getLogger(UploadStaging.class);
  private static final int BUFFER_BYTES = 256 * 1024;

  private final Path directory;

  UploadStaging(Path root) throws IOException {
    this.directory = Files.createDirectories(root.resolve("staging"));
  }

  /**
   * Streams {@code body} to a new staged file. Refuses with {@code tooLarge} as soon as more
   * than {@code limit} bytes arrive; nothing stays behind on any failure.
   */
  Staged receive(InputStream body, long limit, ApiException tooLarge) {
    Path file;
    try {
      file = Files.createTempFile(directory, "upload-", ".part");
    } catch (IOException e) {
      throw new IllegalStateException("Cannot create a staging file for an upload", e);
    }
    try {
      return write(body, file, limit, tooLarge);
    } catch (IOException e) {
      discard(file);
      // The client went away or the disk failed; either way nothing was stored.
      throw new ApiException(HttpStatus.BAD_REQUEST, "The upload was interrupted before it was complete");
    } catch (RuntimeException | Error e) {
      discard(file);
      throw e;
    }
  }

  private static Staged write(InputStream body, Path file, long limit, ApiException tooLarge) throws IOException {
    MessageDigest sha256 = digest("SHA-256");
    MessageDigest md5 = digest("MD5");
    byte[] buffer = new byte[BUFFER_BYTES];
    ByteBuffer wrapped = ByteBuffer.wrap(buffer);
    long total = 0;
    try (FileChannel out = FileChannel.open(file, StandardOpenOption.WRITE)) {
      for (int n; (n = body.read(buffer)) != -1; ) {
        total += n;
        if (total > limit) {
          throw tooLarge;
        }
        sha256.update(buffer, 0, n);
        md5.update(buffer, 0, n);
        wrapped.clear().limit(n);
        while (wrapped.hasRemaining()) {
          out.write(wrapped);
        }
      }
      out.force(true);
    }
    return new Staged(file, total, sha256.digest(), md5.digest());
  }

  void discard(Staged staged) {
    discard(staged.path());
  }

  private static void discard(Path file) {
    try {
      Files.deleteIfExists(file);
    } catch (IOException e) {
      log.warn("Could not remove a staged upload; the sweeper will retry", e);
    }
  }

  /** Removes staged files older than {@code cutoff}: uploads that a crash left behind. */
  int sweep(Instant cutoff) throws IOException {
    int removed = 0;
    try (Stream<Path> files = Files.list(directory)) {
      for (Path file : (Iterable<Path>) files::iterator) {
        if (Files.getLastModifiedTime(file).toInstant().isBefore(cutoff) && Files.deleteIfExists(file)) {
          removed++;
        }
      }
    }
    return removed;
  }

  /** How many uploads are in progress or left behind (for tests and monitoring). */
  long count() throws IOException {
    try (Stream<Path> files = Files.list(directory)) {
      return files.count();
    }
  }

  private static MessageDigest digest(String algorithm) {
    try {
      return MessageDigest.getInstance(algorithm);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
