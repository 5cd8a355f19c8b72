package org.strongroom.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.strongroom.instance.InvalidConfiguration;
import org.strongroom.secrets.SecretKeys;
import picocli.CommandLine.Command;

@Command(name = "instance", mixinStandardHelpOptions = true, description = "Instance maintenance.",
    subcommands = {InstanceCommand.GenSecretKey.class, InstanceCheckCommand.class,
        InstanceMigrateSecretKeyCommand.class, InstanceSbomCommand.class,
        InstanceAdvisoriesCommand.class})
class InstanceCommand {

  @Command(name = "gen-secret-key", mixinStandardHelpOptions = true,
      description = "Print a new random 256-bit secret key (base64url). Changes no instance: "
          + "rotating a key also needs the old one kept as a fallback and secrets migrated.")
  static class GenSecretKey implements Callable<Integer> {

    // Every command takes --instance (docs/operations/command-line.md), but writing a key into an instance would
    // lock its sealed secrets out, so it is refused rather than silently ignored.
    @picocli.CommandLine.Option(names = "--instance", paramLabel = "DIR",
        description = "Refused: this command only prints a key; see docs/operations/key-rotation.md.")
    Path instance;

    @Override
    public Integer call() {
      if (instance != null) {
        throw new InvalidConfiguration("gen-secret-key prints a new key and changes no instance, so it takes "
            + "no --instance; to rotate the key of " + instance + " follow docs/operations/key-rotation.md");
      }
      System.out.println(SecretKeys.generate());
      return 0;
    }
  }
}
