package org.strongroom.cli;

import picocli.CommandLine.Command;

@Command(name = "strongroom", mixinStandardHelpOptions = true, versionProvider = Version.class,
    description = "A records-and-files repository server, secure by default.",
    subcommands = {ServeCommand.class, DemoCommand.class, SetupCommand.class, DemoDataCommand.class,
        UsersCommand.class, TokensCommand.class, InstanceCommand.class, StorageCommand.class, SsoCommand.class,
        AuditCommand.class, BackupCommand.class, RestoreCommand.class})
class StrongroomCommand implements Runnable {

  @picocli.CommandLine.Spec
  picocli.CommandLine.Model.CommandSpec spec;

  @Override
  public void run() {
    spec.commandLine().usage(spec.commandLine().getOut());
  }
}
