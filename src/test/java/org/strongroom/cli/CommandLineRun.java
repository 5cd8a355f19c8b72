package org.strongroom.cli;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;

import picocli.CommandLine;

/**
 * The command line in-process, as a user runs it: what it reads on stdin given, what it prints
 * on stdout and stderr captured (picocli's and {@code System.out}/{@code System.err} alike),
 * and its exit code. Here rather than in support/ because {@link StrongroomCli#commandLine()}
 * is the package's own.
 */
final class CommandLineRun {

  record Result(int exit, String out, String err) {}

  private CommandLineRun() {}

  // One at a time: System.in, System.out and System.err are the JVM's own.
  static synchronized Result run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    InputStream originalIn = System.in;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      System.setIn(new ByteArrayInputStream(stdin.getBytes(StandardCharsets.UTF_8)));
      CommandLine cli = StrongroomCli.commandLine();
      cli.setOut(new PrintWriter(System.out, true));
      cli.setErr(new PrintWriter(System.err, true));
      int exit = cli.execute(args);
      return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
      System.setIn(originalIn);
    }
  }
}
