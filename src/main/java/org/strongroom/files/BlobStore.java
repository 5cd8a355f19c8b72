package org.strongroom.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.file.Path;
import java.time.Instant;
import java.util.function.BiConsumer;

/**
 * Where file contents live, under generated names only. A blob becomes visible in one step
 * ({@link #put}) once it is complete, so no reader ever sees part of one.
 */
interface BlobStore {

  /** Makes the complete, synced file {@code staged} available as {@code name}; the staged file may be moved. */
  void put(String name, Path staged, long size, byte[] md5) throws IOException;

  /** Bytes {@code first} to {@code last} (inclusive) of a blob. */
  InputStream open(String name, long first, long last) throws IOException;

  /** Removes a blob; no error when it is already gone. */
  void delete(String name) throws IOException;

  /** Every stored blob with its last-modified time, for the sweeper. */
  void forEach(BiConsumer<String, Instant> visitor) throws IOException;
}
