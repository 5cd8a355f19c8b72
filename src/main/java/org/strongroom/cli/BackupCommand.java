package org.strongroom.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.advisories.BuildInfo;
import org.strongroom.backup.BackupWriter;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.ParameterException;
import picocli.CommandLine.Spec;

@Command(name = "backup", mixinStandardHelpOptions = true,
    description = "Back up the instance into a new folder while it serves: one consistent snapshot of the "
        + "database, the files (or, on S3, a list of them with their sums), the audit log, the configuration, "
        + "and SHA256SUMS. The secret key is left out unless --include-secret-key.",
    subcommands = BackupVerifyCommand.class)
class BackupCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  // Not required to picocli, so that 'backup verify DIR' parses; checked below instead.
  @Option(names = "--to", paramLabel = "DIR", description = "A new or empty folder for the backup (required).")
  Path to;

  @Option(names = "--include-secret-key", description = "Also write the instance secret key, its fallback keys "
      + "and the instance's own TLS pair into the backup (mode 0600): whoever holds the backup can then open the "
      + "sealed secrets (two-factor seeds, storage and single sign-on secrets), sign as the server and serve its "
      + "certificate.")
  boolean includeSecretKey;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() {
    if (to == null) {
      throw new ParameterException(spec.commandLine(), "Missing required option: '--to=DIR'");
    }
    try (ConfigurableApplicationContext context = SpringContexts.withoutWebServer(instance.existing())) {
      BackupWriter.Summary summary = context.getBean(BackupWriter.class)
          .write(to, includeSecretKey, BuildInfo.current().version());
      spec.commandLine().getOut().println("Backed up to " + summary.folder() + ": " + summary.manifest().tables().size()
          + " tables, " + summary.manifest().files() + " files ("
          + ("s3".equals(summary.manifest().storage()) ? "listed, left in the bucket" : "copied") + "), "
          + summary.manifest().auditEntries() + " audit entries; " + summary.fileCount() + " files in all");
      spec.commandLine().getOut().println("SHA-256 of SHA256SUMS: " + summary.sumsDigest()
          + " (keep it apart from the backup to prove it unchanged)");
      if (!includeSecretKey) {
        spec.commandLine().getOut().println("The secret key is not in the backup; keep it safe apart "
            + "(restore --secret-key-file), or two-factor seeds and sealed secrets cannot be opened.");
      }
      spec.commandLine().getOut().flush();
    }
    return 0;
  }
}
