package org.strongroom.backup;

import java.io.IOException;
import java.nio.file.Path;
import java.util.Optional;

import org.strongroom.files.BlobArchive;

/**
 * With S3 storage a backup lists the objects it needs ({@code files/index.tsv}) instead of
 * copying them, so its SHA256SUMS cannot cover them: each one is read back from the bucket and
 * compared with the size and SHA-256 it was stored with. Restore does this before it loads
 * anything, and {@code backup verify} when it can reach the bucket; both name the first bad
 * object. Reading every object costs one GET each; it is what tells a bucket that lost or
 * changed files since the backup from one that can serve them.
 */
public final class BucketObjects {

  private BucketObjects() {}

  /**
   * The first object of the backup in {@code backup} that the bucket lacks or holds with other
   * bytes, described as {@code s3://bucket/key: missing} or {@code …: altered (…)}; empty when
   * every one is there unchanged.
   */
  public static Optional<String> firstMissingOrAltered(Path backup, BlobArchive bucket) throws IOException {
    for (IndexedBlob blob : IndexedBlob.read(backup.toAbsolutePath().normalize())) {
      Optional<String> stored = bucket.sha256(blob.name(), blob.size());
      if (stored.isEmpty()) {
        return Optional.of(bucket.location(blob.name()) + ": missing");
      }
      if (!stored.get().equals(blob.sha256())) {
        return Optional.of(bucket.location(blob.name()) + ": altered (not the " + blob.size() + " bytes with the "
            + "SHA-256 that " + BackupWriter.INDEX + " lists)");
      }
    }
    return Optional.empty();
  }
}
