package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.io.PrintWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import picocli.CommandLine;

/** {@code instance migrate-secret-key} from the command line: counts on stdout, errors on stderr. */
class SecretKeyCommandsIntegrationTests {

  record Result(int exit, String out, String err) {}

  @TempDir
  Path temp;

  Result run(String stdin, String... args) {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      CommandLine cli = StrongroomCli.commandLine();
      cli.setOut(new PrintWriter(System.out, true));
      cli.setErr(new PrintWriter(new PrintStream(err, true, StandardCharsets.UTF_8), true));
      int exit = cli.execute(args);
      return new Result(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
    }
  }

  String instance() {
    return temp.resolve("instance").toString();
  }

  void setup() {
    Result result = run("", "setup", "--instance", instance());
    assertThat(result.exit()).as(result.err()).isZero();
  }

  @Test
  void migrateSecretKeyPrintsCountsAndCanRunTwice() {
    setup();
    String old = run("", "instance", "gen-secret-key").out().strip();
    for (int i = 0; i < 2; i++) {
      Result result = run("", "instance", "migrate-secret-key", "--instance", instance(), "--old-key", old);
      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(result.out()).contains("Re-encrypted 0 secrets; 0 were already under the current key.");
      assertThat(result.out() + result.err()).doesNotContain(old);
    }
  }

  @Test
  void migrateSecretKeyNeedsTheOldKey() {
    setup();
    Result missing = run("", "instance", "migrate-secret-key", "--instance", instance());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("--old-key");
    Result blank = run("", "instance", "migrate-secret-key", "--instance", instance(), "--old-key", " ");
    assertThat(blank.exit()).isNotZero();
    assertThat(blank.err()).contains("--old-key is empty");
  }
}
