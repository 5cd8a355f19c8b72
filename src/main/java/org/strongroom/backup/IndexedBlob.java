package org.strongroom.backup;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;

/**
 * One line of a backup's {@code files/index.tsv}: a file version the backup needs, with the sums
 * it was stored with. With local storage the blob is copied beside the index; with S3 it stays
 * in the bucket.
 */
record IndexedBlob(String name, long size, String sha256, String md5) {

  /** Every line of the index of the backup in {@code root}, in its order. */
  static List<IndexedBlob> read(Path root) throws IOException {
    return Files.readAllLines(root.resolve(BackupWriter.INDEX), StandardCharsets.UTF_8).stream()
        .filter(line -> !line.startsWith("#") && !line.isBlank()).map(IndexedBlob::parse).toList();
  }

  private static IndexedBlob parse(String line) {
    String[] fields = line.split("\t");
    return new IndexedBlob(fields[0], Long.parseLong(fields[1]), fields[2], fields[3]);
  }
}
