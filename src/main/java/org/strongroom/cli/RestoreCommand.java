package org.strongroom.cli;

import java.io.PrintWriter;
import java.nio.file.Path;
import java.time.Clock;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.strongroom.backup.BackupCheck;
import org.strongroom.backup.BackupDamaged;
import org.strongroom.backup.BackupManifest;
import org.strongroom.backup.BackupRestore;
import org.strongroom.backup.RestoreDatabase;
import org.strongroom.backup.RestoreTarget;
import org.strongroom.instance.DatabaseProperties;
import org.strongroom.instance.InvalidConfiguration;
import org.strongroom.secrets.SecretKeyMigration;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "restore", mixinStandardHelpOptions = true,
    description = "Rebuild an instance from a backup into a new folder (--instance). The whole backup is "
        + "checked first; a damaged one changes nothing. A folder that holds anything but a strongroom.yml "
        + "(used instead of the backup's, e.g. to name an empty database) is refused unless --force.")
class RestoreCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Option(names = "--from", required = true, paramLabel = "DIR", description = "The backup folder.")
  Path from;

  @Option(names = "--force", description = "Replace a non-empty instance folder (kept beside it as "
      + "<folder>.before-restore-<time>) and empty the database its own strongroom.yml names.")
  boolean force;

  @Option(names = "--secret-key-file", paramLabel = "FILE", description = "The backed-up instance's secret key, "
      + "when the backup does not hold it (without it a new key is made, and sealed secrets stay sealed).")
  Path secretKeyFile;

  @Spec
  CommandSpec spec;

  @Override
  public Integer call() throws Exception {
    BackupManifest manifest;
    try {
      manifest = BackupCheck.verify(from);
    } catch (BackupDamaged damaged) {
      throw new InvalidConfiguration("backup not intact, nothing restored: " + damaged.getMessage(), damaged);
    }
    RestoreTarget target = RestoreTarget.prepare(instance.instance, from, force, secretKeyFile, Clock.systemUTC());
    Path keptAside;
    try {
      ConfigurableEnvironment environment = SpringContexts.environment(target.staging());
      DatabaseProperties database = Binder.get(environment)
          .bindOrCreate("strongroom.database", DatabaseProperties.class);
      requireInside(environment, "strongroom.storage.local.path", target);
      requireInside(environment, "strongroom.audit.file", target);
      RestoreDatabase.requireEmpty(database.url(), database.username(), database.password(),
          force && target.configFromTarget());
      // Migrated to the backup's schema version only; serve migrates the rest as after an upgrade.
      List<String> arguments = new ArrayList<>(List.of("--spring.flyway.target=" + manifest.schemaVersion()));
      if (!target.fallbackKeys().isEmpty()) {
        // In this process only: the restored instance gets no fallback, its secrets are sealed again below.
        arguments.add("--strongroom.secret-key-fallbacks=" + String.join(",", target.fallbackKeys()));
      }
      try (ConfigurableApplicationContext context = SpringContexts.withoutWebServer(target.staging(),
          arguments.toArray(String[]::new))) {
        context.getBean(BackupRestore.class).restore(from, manifest);
        if (!target.fallbackKeys().isEmpty()) {
          SecretKeyMigration.Result resealed;
          try {
            resealed = context.getBean(SecretKeyMigration.class).migrateFromFallbacks();
          } catch (SecretKeyMigration.RefusedException e) {
            throw new InvalidConfiguration("nothing restored: the backup's secret key and fallback keys do not open "
                + "all of its sealed secrets: " + e.getMessage(), e);
          }
          InstanceMigrateSecretKeyCommand.writeSettings(target.staging().config(), resealed.settings());
          spec.commandLine().getOut().println("Sealed " + resealed.reencrypted() + " secrets again under the "
              + "current key (they were under a fallback key of the backed-up instance)");
        }
      }
      keptAside = target.commit();
    } catch (Exception | Error e) {
      target.abandon();
      throw e;
    }
    PrintWriter out = spec.commandLine().getOut();
    out.println("Restored " + manifest.files() + " files and " + manifest.auditEntries() + " audit entries from "
        + from + " (taken " + manifest.created() + ") into " + instance.layout().root());
    if (keptAside != null) {
      out.println("The folder it replaced is kept at " + keptAside + "; remove it once the restored instance works.");
    }
    if (target.newSecretKey()) {
      out.println("A new secret key was made (the backup holds none and no --secret-key-file was given): "
          + "two-factor seeds and sealed storage or single sign-on secrets cannot be opened until the old key "
          + "is put in " + instance.layout().secretKey());
    }
    out.flush();
    return 0;
  }

  /** A store or audit file outside the new folder would be shared with the backed-up instance. */
  private static void requireInside(ConfigurableEnvironment environment, String key, RestoreTarget target) {
    String value = environment.getProperty(key);
    if (value != null && !Path.of(value).toAbsolutePath().normalize().startsWith(target.staging().root())) {
      throw new InvalidConfiguration(key + ": " + value + " is outside the restored instance (the backed-up "
          + "instance's?); write a strongroom.yml with a path inside it into the --instance folder before restoring");
    }
  }
}
