package org.strongroom.cli;

import java.io.PrintWriter;

import org.strongroom.instance.H2Loopback;
import picocli.CommandLine;

/** Runs the {@code strongroom} command line and returns the exit code. */
public final class StrongroomCli {

  private StrongroomCli() {}

  public static void main(String[] args) {
    VirtualThreadCarriers.applyDefault();
    H2Loopback.apply();
    System.exit(run(args));
  }

  public static int run(String... args) {
    return commandLine().execute(args);
  }

  static CommandLine commandLine() {
    CommandLine cli = new CommandLine(new StrongroomCommand());
    cli.setParameterExceptionHandler((e, args) -> {
      PrintWriter err = e.getCommandLine().getErr();
      err.println("strongroom: " + e.getMessage());
      err.println("Try '" + e.getCommandLine().getCommandSpec().qualifiedName() + " --help'.");
      err.flush();
      return CommandLine.ExitCode.USAGE;
    });
    cli.setExecutionExceptionHandler((e, commandLine, parseResult) -> {
      PrintWriter err = commandLine.getErr();
      err.println("strongroom: " + Failures.describe(e));
      err.flush();
      return Failures.isOperatorMistake(e) ? Failures.CONFIGURATION : CommandLine.ExitCode.SOFTWARE;
    });
    return cli;
  }
}
