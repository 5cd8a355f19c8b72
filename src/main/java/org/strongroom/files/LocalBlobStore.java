package org.strongroom.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.channels.Channels;
import java.nio.channels.FileChannel;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.nio.file.StandardOpenOption;
import java.time.Instant;
import java.util.function.BiConsumer;
import java.util.stream.Stream;

/**
 * Blobs in a local folder: {@code blobs/<first two characters>/<name>}. The staged file is
 * renamed into place (atomic on one file system) and the folder synced, so after a crash a
 * blob is either complete or absent.
 */
class LocalBlobStore implements BlobStore {

  private final Path blobs;

  LocalBlobStore(Path root) throws IOException {
    this.blobs = Files.createDirectories(root.resolve("blobs"));
  }

  @Override
  public void put(String name, Path staged, long size, byte[] md5) throws IOException {
    Path target = path(name);
    Files.createDirectories(target.getParent());
    Files.move(staged, target, StandardCopyOption.ATOMIC_MOVE);
    syncDirectory(target.getParent());
  }

  @Override
  public InputStream open(String name, long first, long last) throws IOException {
    FileChannel channel = FileChannel.open(path(name), StandardOpenOption.READ);
    try {
      channel.position(first);
      return new RangeInputStream(Channels.newInputStream(channel), last - first + 1);
    } catch (IOException | RuntimeException e) {
      channel.close();
      throw e;
    }
  }

  @Override
  public void delete(String name) throws IOException {
    Files.deleteIfExists(path(name));
  }

  @Override
  public void forEach(BiConsumer<String, Instant> visitor) throws IOException {
    try (Stream<Path> files = Files.walk(blobs, 2)) {
      for (Path file : (Iterable<Path>) files.filter(Files::isRegularFile)::iterator) {
        visitor.accept(file.getFileName().toString(), Files.getLastModifiedTime(file).toInstant());
      }
    }
  }

  private Path path(String name) {
    if (!BlobNames.isWellFormed(name)) {
      throw new IllegalArgumentException("Not a blob name");
    }
    return blobs.resolve(name.substring(0, 2)).resolve(name);
  }

  static void syncDirectory(Path directory) {
    try (FileChannel channel = FileChannel.open(directory, StandardOpenOption.READ)) {
      channel.force(true);
    } catch (IOException e) {
      // Some file systems cannot open or sync a directory; the rename itself is still atomic.
    }
  }
}
