package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InstanceSetup;

/** {@code strongroom instance check [--deploy]}: one line per finding, exit 1 on any error. */
class InstanceCheckCommandIntegrationTests {

  @TempDir
  Path folder;

  /**
   * The command's output. When an earlier test in the same JVM has set up logging, Spring's
   * log lines also reach stdout here (never in a real run, where the console log is off), so
   * findings are picked out by their form.
   */
  record Run(int exit, String out, String err) {
    java.util.List<String> findings() {
      return out.lines().filter(line -> line.startsWith("SR-")).toList();
    }
  }

  Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int exit = StrongroomCli.run(args);
      return new Run(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  InstanceLayout instance(String config) throws Exception {
    InstanceLayout layout = new InstanceLayout(folder.resolve("instance"));
    InstanceSetup.ensure(layout, Clock.systemUTC());
    Files.writeString(layout.config(), config);
    return layout;
  }

  @Test
  void aFreshInstancePassesTheBasicCheck() throws Exception {
    InstanceLayout layout = instance("strongroom: {}\n");

    Run run = run("instance", "check", "--instance", layout.root().toString());

    assertThat(run.exit()).isZero();
    assertThat(run.findings()).isEmpty();
    assertThat(run.err()).contains("No issues found.");
  }

  @Test
  void deployReportsWarningsForAFreshInstanceButNoError() throws Exception {
    InstanceLayout layout = instance("strongroom: {}\n");

    Run run = run("instance", "check", "--deploy", "--instance", layout.root().toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).contains("SR-W021 WARNING the TLS certificate is self-signed")
        .contains("SR-W060 WARNING the database is H2");
  }

  @Test
  void starHostsAndAReadableKeyFailTheDeployCheck() throws Exception {
    InstanceLayout layout = instance("strongroom:\n  allowed-hosts: \"*\"\n");
    Files.setPosixFilePermissions(layout.secretKey(), PosixFilePermissions.fromString("rw-r--r--"));

    Run run = run("instance", "check", "--deploy", "--instance", layout.root().toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.findings())
        .anyMatch(line -> line.matches("SR-W004 ERROR .+ — run 'chmod 600 .+"))
        .anyMatch(line -> line.matches("SR-W010 ERROR strongroom.allowed-hosts contains '\\*'.+ — .+"));
    // W004, W010, W021 (self-signed), W060 (H2), W080 (no separate files origin), W150 (no host
    // name for passkeys).
    assertThat(run.findings()).hasSize(6).allMatch(line -> line.matches("SR-W\\d{3} (ERROR|WARNING|INFO) .+ — .+"));
    assertThat(run.err()).contains("2 error(s)");
  }

  @Test
  void aConfigurationMistakeIsOneLineAndExit2() throws Exception {
    // As for every command: the configuration is refused before any check runs.
    InstanceLayout layout = instance("strongroom:\n  trusted-proxies: -1\n");

    Run run = run("instance", "check", "--instance", layout.root().toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.findings()).isEmpty();
    assertThat(run.err().lines()).containsExactly("strongroom: strongroom.trusted-proxies must be between 0 and 10 "
        + "(the number of reverse proxies in front of the server), not -1");
  }
}
