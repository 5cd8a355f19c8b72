package org.strongroom.cli;

import java.io.IOException;
import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.Optional;
import java.util.concurrent.Callable;

import org.strongroom.backup.BackupCheck;
import org.strongroom.backup.BackupDamaged;
import org.strongroom.backup.BackupManifest;
import org.strongroom.backup.BucketObjects;
import org.strongroom.files.BlobArchive;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check that a backup can be restored: every file against its SHA256SUMS (present, unchanged, "
        + "nothing added) and, for an instance on S3, every object files/index.tsv lists, read back from the "
        + "bucket. Names the first bad file or object and exits 1; exits 3 when the files are intact but the "
        + "objects could not be checked (the line says how to check them).")
class BackupVerifyCommand implements Callable<Integer> {

  /** Exit code for a backup that is incomplete or altered, or whose bucket lost or changed an object. */
  static final int DAMAGED = 1;

  /** Exit code for a backup whose files are intact but whose objects in the bucket were not checked. */
  static final int OBJECTS_NOT_CHECKED = 3;

  @Parameters(index = "0", paramLabel = "DIR", description = "The backup folder.")
  Path folder;

  // Every command takes --instance (docs/operations/command-line.md); here it only names a bucket.
  @Option(names = "--instance", paramLabel = "DIR", description = "For a backup of an instance on S3: read the "
      + "objects back from the bucket this instance uses, with its secret key (the backed-up instance, or one set "
      + "up on a copy of the bucket), instead of the bucket the backup's instance/strongroom.yml names.")
  Path instance;

  @Option(names = "--secret-key-file", paramLabel = "FILE", description = "For a backup of an instance on S3: the "
      + "backed-up instance's secret key, which opens the sealed S3 secret, when the backup (or --instance) does "
      + "not hold it.")
  Path secretKeyFile;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws IOException {
    BackupManifest manifest;
    try {
      manifest = BackupCheck.verify(folder);
    } catch (BackupDamaged damaged) {
      return complain(DAMAGED, "backup not intact: " + damaged.getMessage());
    }
    String objects = "";
    if ("s3".equals(manifest.storage()) && manifest.files() > 0) {
      String notChecked = "backup files intact, but the " + manifest.files() + " objects files/index.tsv lists "
          + "were not checked in their bucket: ";
      try (BlobArchive bucket = BackupBucket.open(folder, instance, secretKeyFile)) {
        Optional<String> bad = BucketObjects.firstMissingOrAltered(folder, bucket);
        if (bad.isPresent()) {
          return complain(DAMAGED, "backup not intact: " + bad.get() + "; a restore refuses it until the bucket "
              + "holds the object as it was backed up (bring back the bucket's version of the backup's time)");
        }
      } catch (BackupBucket.Unreachable e) {
        return complain(OBJECTS_NOT_CHECKED, notChecked + e.getMessage() + "; to check them, give --secret-key-file "
            + "FILE (the backed-up instance's secret key) or --instance DIR (an instance that uses the bucket)");
      } catch (IOException e) {
        return complain(OBJECTS_NOT_CHECKED, notChecked + Failures.describe(e) + "; run it again when the bucket "
            + "answers");
      }
      objects = ", each read back from the bucket unchanged";
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Backup intact: " + folder.toAbsolutePath().normalize() + ", taken " + manifest.created() + " by "
        + manifest.strongroomVersion() + " (" + manifest.database() + ", schema " + manifest.schemaVersion() + ", "
        + manifest.files() + " files" + objects + ", " + manifest.auditEntries() + " audit entries"
        + (manifest.secretKeyIncluded() ? ", secret key included" : "") + ")");
    out.flush();
    return 0;
  }

  private int complain(int exit, String line) {
    PrintWriter err = spec.commandLine().getErr();
    err.println("strongroom: " + line);
    err.flush();
    return exit;
  }
}
