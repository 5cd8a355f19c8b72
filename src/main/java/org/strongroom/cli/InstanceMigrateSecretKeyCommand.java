package org.strongroom.cli;

import java.io.BufferedReader;
import java.io.IOException;
import java.io.InputStreamReader;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.instance.InvalidConfiguration;
import org.strongroom.secrets.SecretKeyMigration;
import picocli.CommandLine.ArgGroup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Model.CommandSpec;
import picocli.CommandLine.Option;
import picocli.CommandLine.Spec;

@Command(name = "migrate-secret-key", mixinStandardHelpOptions = true,
    description = "Re-encrypt every stored secret under the current secret key, in one transaction. "
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
    try (ConfigurableApplicationContext context = SpringContexts.withoutWebServer(instance.existing())) {
      SecretKeyMigration.Result result = context.getBean(SecretKeyMigration.class).migrate(old);
      for (SecretKeyMigration.ColumnResult column : result.columns()) {
        System.out.printf("%s: %d re-encrypted, %d already under the current key%n",
            column.column(), column.reencrypted(), column.alreadyCurrent());
      }
      System.out.printf("Re-encrypted %d secrets; %d were already under the current key.%n",
          result.reencrypted(), result.alreadyCurrent());
    }
    return 0;
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
