package org.strongroom.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InvalidConfiguration;
import org.strongroom.secrets.SecretKeyMigration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "migrate-secret-key", mixinStandardHelpOptions = true,
    description = "Re-encrypt every stored secret under the current secret key, in one transaction, and re-seal "
        + "the sealed secrets of strongroom.yml (S3, single sign-on) in place. "
        + "Secrets are opened with the old key (or a configured fallback). Safe to run twice; "
        + "refuses, changing nothing, when the old key opens none of the secrets to migrate. "
        + "Give the old key with exactly one of the --old-key options.")
class InstanceMigrateSecretKeyCommand implements Callable<Integer> {

  static final String ARGUMENT_WARNING = "strongroom: warning: --old-key puts the key in the process list "
      + "and the shell history; prefer --old-key-file, --old-key-stdin or --old-key-env";

  @Mixin
  InstanceOption instance;

  @ArgGroup(exclusive = true, multiplicity = "1")
  OldKey oldKey;

  @Spec
  CommandSpec spec;

  static class OldKey {

    @Option(names = "--old-key-file", paramLabel = "FILE",
        description = "Read the previous secret key from this file (e.g. the old secret.key).")
    Path file;

    @Option(names = "--old-key-stdin", description = "Read the previous secret key from the first line of stdin.")
    boolean stdin;

    @Option(names = "--old-key-env", paramLabel = "NAME",
        description = "Read the previous secret key from the environment variable NAME.")
    String variable;

    @Option(names = "--old-key", paramLabel = "OLD",
        description = "The previous secret key itself. Visible to other users in the process list and kept "
            + "in shell history: prefer the options above.")
    String value;
  }

  @Override
  public Integer call() {
    String old = readOldKey();
    InstanceLayout layout = instance.existing();
    try (ConfigurableApplicationContext context = SpringContexts.withoutWebServer(layout)) {
      SecretKeyMigration.Result result = context.getBean(SecretKeyMigration.class).migrate(old);
      for (SecretKeyMigration.ColumnResult column : result.columns()) {
        System.out.printf("%s: %d re-encrypted, %d already under the current key%n",
            column.column(), column.reencrypted(), column.alreadyCurrent());
      }
      writeSettings(layout.config(), result.settings());
      System.out.printf("Re-encrypted %d secrets; %d were already under the current key.%n",
          result.reencrypted(), result.alreadyCurrent());
    }
    return 0;
  }

  /**
   * The sealed values of the configuration, re-sealed: replaced in the instance's
   * {@code strongroom.yml} where they are written there (nothing else in the file changes),
   * printed where they come from elsewhere (an environment variable), for the operator to
   * replace. A sealed value is ciphertext; the secret inside is never printed.
   */
  static void writeSettings(Path config, List<SecretKeyMigration.SettingResult> settings) {
    Map<String, String> replacements = new LinkedHashMap<>();
    String text = null;
    if (settings.stream().anyMatch(SecretKeyMigration.SettingResult::reencrypted) && Files.isRegularFile(config)) {
      try {
        text = Files.readString(config, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new InvalidConfiguration(config + ": cannot be read (" + e.getClass().getSimpleName() + "); the "
            + "database's secrets were re-encrypted; make it readable and run the command again (safe to repeat)");
      }
    }
    for (SecretKeyMigration.SettingResult setting : settings) {
      String key = setting.setting().key();
      if (!setting.reencrypted()) {
        System.out.printf("%s: already under the current key%n", key);
      } else if (text != null && text.contains(setting.setting().value())) {
        replacements.put(setting.setting().value(), setting.resealed());
        System.out.printf("%s: re-sealed in %s%n", key, config);
      } else {
        System.out.printf("%s: not set in %s (an environment variable?); set it to the re-sealed value %s%n",
            key, config, setting.resealed());
      }
    }
    if (replacements.isEmpty()) {
      return;
    }
    for (Map.Entry<String, String> replacement : replacements.entrySet()) {
      text = text.replace(replacement.getKey(), replacement.getValue());
    }
    try {
      Path temporary = Files.createTempFile(config.getParent(), ".strongroom.yml.", ".tmp");
      try {
        Files.writeString(temporary, text, StandardCharsets.UTF_8);
        copyMode(config, temporary);
        Files.move(temporary, config, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
      } finally {
        Files.deleteIfExists(temporary);
      }
    } catch (IOException e) {
      throw new InvalidConfiguration(config + ": cannot be written (" + e.getClass().getSimpleName() + "); the "
          + "database's secrets were re-encrypted; let this user write the file and run the command again (safe "
          + "to repeat)");
    }
  }

  private static void copyMode(Path from, Path to) throws IOException {
    try {
      Files.setPosixFilePermissions(to, Files.getPosixFilePermissions(from));
    } catch (UnsupportedOperationException notPosix) {
      // The temporary file keeps the default mode of the platform.
    }
  }

  private String readOldKey() {
    String key;
    String source;
    if (oldKey.file != null) {
      source = "the file " + oldKey.file + " (--old-key-file)";
      try {
        key = Files.readString(oldKey.file, StandardCharsets.UTF_8);
      } catch (IOException e) {
        throw new InvalidConfiguration("--old-key-file: cannot read " + oldKey.file + " ("
            + e.getClass().getSimpleName() + ")");
      }
    } else if (oldKey.stdin) {
      source = "stdin (--old-key-stdin)";
      try {
        key = new BufferedReader(new InputStreamReader(System.in, StandardCharsets.UTF_8)).readLine();
      } catch (IOException e) {
        throw new InvalidConfiguration("--old-key-stdin: cannot read stdin");
      }
    } else if (oldKey.variable != null) {
      source = "the environment variable " + oldKey.variable + " (--old-key-env)";
      key = System.getenv(oldKey.variable);
    } else {
      PrintWriter err = spec.commandLine().getErr();
      err.println(ARGUMENT_WARNING);
      err.flush();
      source = "--old-key";
      key = oldKey.value;
    }
    if (key == null || key.isBlank()) {
      throw new InvalidConfiguration("the old key from " + source + " is empty");
    }
    return key.strip();
  }
}
