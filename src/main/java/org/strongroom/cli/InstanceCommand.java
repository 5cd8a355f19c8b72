package org.strongroom.cli;

import org.strongroom.secrets.SecretKeys;
import picocli.CommandLine.Command;

@Command(name = "instance", mixinStandardHelpOptions = true, description = "Instance maintenance.",
    subcommands = {InstanceCommand.GenSecretKey.class, InstanceCheckCommand.class,
        InstanceMigrateSecretKeyCommand.class, InstanceSbomCommand.class,
        InstanceAdvisoriesCommand.class})
class InstanceCommand {

  @Command(name = "gen-secret-key", mixinStandardHelpOptions = true,
      description = "Print a new random 256-bit secret key (base64url).")
  static class GenSecretKey implements Runnable {

    @picocli.CommandLine.Mixin
    InstanceOption instance;

    @Override
    public void run() {
      System.out.println(SecretKeys.generate());
    }
  }
}
