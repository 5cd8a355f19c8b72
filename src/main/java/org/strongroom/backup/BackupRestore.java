package org.strongroom.backup;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.SQLException;
import java.util.Map;
import java.util.Optional;

import javax.sql.DataSource;

import org.springframework.stereotype.Service;
import org.strongroom.audit.AuditVerifier;
import org.strongroom.files.BlobArchive;
import org.strongroom.instance.InvalidConfiguration;

/**
 * Loads a checked backup ({@link BackupCheck}) into the instance this context runs, which
 * restore has just created and migrated to the backup's schema version: the database rows, the
 * blobs (into the configured store) and the audit file.
 */
@Service
public class BackupRestore {

  private final DataSource dataSource;
  private final BlobArchive blobs;
  private final AuditVerifier audit;

  BackupRestore(DataSource dataSource, BlobArchive blobs, AuditVerifier audit) {
    this.dataSource = dataSource;
    this.blobs = blobs;
    this.audit = audit;
  }

  public void restore(Path backup, BackupManifest manifest) throws IOException, SQLException {
    Path root = backup.toAbsolutePath().normalize();
    if ("s3".equals(manifest.storage()) && !"s3".equals(blobs.storageType())) {
      throw new InvalidConfiguration("the backup's files are in an S3 bucket (listed in " + BackupWriter.INDEX
          + "); give the restored instance that bucket in strongroom.storage.* of its strongroom.yml");
    }
    Path auditFile = audit.file();
    if (Files.exists(auditFile) && Files.size(auditFile) > 0) {
      throw new InvalidConfiguration("strongroom.audit.file: " + auditFile + " already holds entries; the restored "
          + "instance needs an audit file of its own");
    }
    if ("s3".equals(manifest.storage())) {
      Optional<String> bad = BucketObjects.firstMissingOrAltered(root, blobs);
      if (bad.isPresent()) {
        throw new InvalidConfiguration(bad.get() + "; nothing restored: the bucket of strongroom.storage.s3.* must "
            + "hold the backed-up objects unchanged (copy them into it, or bring back the bucket's versions of the "
            + "backup's time)");
      }
    }
    DatabaseLoad.load(dataSource, root, manifest);
    if ("local".equals(manifest.storage())) {
      Map<String, String> sums = Checksums.read(root);
      for (IndexedBlob blob : IndexedBlob.read(root)) {
        String path = BackupWriter.blobPath(blob.name());
        if (!blob.sha256().equals(sums.get(path))) {
          throw new BackupDamaged(root.resolve(path), "missing, or not the file " + BackupWriter.INDEX + " lists");
        }
        Path copy = Files.createTempFile(stagingFolder(), "restore-", ".blob");
        Files.copy(root.resolve(path), copy, java.nio.file.StandardCopyOption.REPLACE_EXISTING);
        blobs.put(blob.name(), copy, blob.size(), blob.md5());
        Files.deleteIfExists(copy);
      }
    }
    Files.createDirectories(auditFile.getParent());
    BackupFiles.copy(root.resolve(BackupWriter.AUDIT), auditFile.resolveSibling(auditFile.getFileName() + ".restoring"));
    Files.move(auditFile.resolveSibling(auditFile.getFileName() + ".restoring"), auditFile,
        java.nio.file.StandardCopyOption.REPLACE_EXISTING);
  }

  /** Beside the local store (one file system, so the store's rename into place is atomic). */
  private Path stagingFolder() throws IOException {
    Path folder = blobs.localFolder().orElseGet(() -> Path.of(System.getProperty("java.io.tmpdir")));
    return Files.createDirectories(folder.resolve("staging"));
  }
}
