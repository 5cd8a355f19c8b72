package org.strongroom.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.strongroom.backup.BackupCheck;
import org.strongroom.backup.BackupDamaged;
import org.strongroom.backup.BackupManifest;
import org.strongroom.instance.InvalidConfiguration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Parameters;
import picocli.CommandLine.Spec;

@Command(name = "verify", mixinStandardHelpOptions = true,
    description = "Check a backup folder against its SHA256SUMS: every file present and unchanged, nothing "
        + "added. Names the first bad file and exits 1 when there is one. Needs no instance.")
class BackupVerifyCommand implements Callable<Integer> {

  /** Exit code for a backup that is incomplete or altered. */
  static final int DAMAGED = 1;

  @Parameters(index = "0", paramLabel = "DIR", description = "The backup folder.")
  Path folder;

  // Every command takes --instance (docs/operations/command-line.md); a backup is checked on its own, so it is refused.
  @Option(names = "--instance", paramLabel = "DIR", description = "Refused: a backup is checked without an instance.")
  Path instance;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (instance != null) {
      throw new InvalidConfiguration("backup verify checks a backup folder on its own and takes no --instance; "
          + "run 'strongroom backup verify " + folder + "'");
    }
    BackupManifest manifest;
    try {
      manifest = BackupCheck.verify(folder);
    } catch (BackupDamaged damaged) {
      PrintWriter err = spec.commandLine().getErr();
      err.println("strongroom: backup not intact: " + damaged.getMessage());
      err.flush();
      return DAMAGED;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Backup intact: " + folder.toAbsolutePath().normalize() + ", taken " + manifest.created() + " by "
        + manifest.strongroomVersion() + " (" + manifest.database() + ", schema " + manifest.schemaVersion() + ", "
        + manifest.files() + " files, " + manifest.auditEntries() + " audit entries"
        + (manifest.secretKeyIncluded() ? ", secret key included" : "") + ")");
    out.flush();
    return 0;
  }
}
