package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strongroom.cli.CommandLineRun.Result;

/** {@code instance migrate-secret-key} from the command line: counts on stdout, errors on stderr. */
class SecretKeyCommandsIntegrationTests {

  @TempDir
  Path temp;

  Result run(String stdin, String... args) {
    return CommandLineRun.run(stdin, args);
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
  void theOldKeyComesFromAFileOrStdinWithoutAWarning() throws Exception {
    setup();
    String old = run("", "instance", "gen-secret-key").out().strip();
    java.nio.file.Path file = temp.resolve("old.key");
    java.nio.file.Files.writeString(file, old + "\n");

    Result fromFile = run("", "instance", "migrate-secret-key", "--instance", instance(), "--old-key-file",
        file.toString());
    Result fromStdin = run(old + "\n", "instance", "migrate-secret-key", "--instance", instance(), "--old-key-stdin");

    for (Result result : new Result[] {fromFile, fromStdin}) {
      assertThat(result.exit()).as(result.err()).isZero();
      assertThat(result.out()).contains("Re-encrypted 0 secrets; 0 were already under the current key.");
      assertThat(result.err()).isEmpty();
      assertThat(result.out()).doesNotContain(old);
    }
  }

  @Test
  void theOldKeyOnTheCommandLineStillWorksWithAWarning() {
    setup();
    String old = run("", "instance", "gen-secret-key").out().strip();
    Result result = run("", "instance", "migrate-secret-key", "--instance", instance(), "--old-key", old);
    assertThat(result.exit()).as(result.err()).isZero();
    assertThat(result.err().lines()).containsExactly(InstanceMigrateSecretKeyCommand.ARGUMENT_WARNING);
    assertThat(result.err()).doesNotContain(old);
  }

  @Test
  void migrateSecretKeyNeedsExactlyOneOldKey() throws Exception {
    setup();
    Result missing = run("", "instance", "migrate-secret-key", "--instance", instance());
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("--old-key-file", "--old-key-stdin", "--old-key-env", "--old-key");
    Result two = run("x\n", "instance", "migrate-secret-key", "--instance", instance(), "--old-key-stdin",
        "--old-key-env", "HOME");
    assertThat(two.exit()).isEqualTo(2);
    assertThat(two.err()).contains("mutually exclusive");
    Result blank = run("", "instance", "migrate-secret-key", "--instance", instance(), "--old-key", " ");
    assertThat(blank.exit()).isEqualTo(2);
    assertThat(blank.err()).contains("strongroom: the old key from --old-key is empty");
    Result noStdin = run("", "instance", "migrate-secret-key", "--instance", instance(), "--old-key-stdin");
    assertThat(noStdin.exit()).isEqualTo(2);
    assertThat(noStdin.err().lines()).containsExactly("strongroom: the old key from stdin (--old-key-stdin) is empty");
    Result unset = run("", "instance", "migrate-secret-key", "--instance", instance(), "--old-key-env",
        "STRONGROOM_TEST_NO_SUCH_VARIABLE");
    assertThat(unset.exit()).isEqualTo(2);
    assertThat(unset.err().lines()).containsExactly("strongroom: the old key from the environment variable "
        + "STRONGROOM_TEST_NO_SUCH_VARIABLE (--old-key-env) is empty");
    Result unreadable = run("", "instance", "migrate-secret-key", "--instance", instance(), "--old-key-file",
        temp.resolve("missing.key").toString());
    assertThat(unreadable.exit()).isEqualTo(2);
    assertThat(unreadable.err().lines()).containsExactly("strongroom: --old-key-file: cannot read "
        + temp.resolve("missing.key") + " (NoSuchFileException)");
  }

  @Test
  void genSecretKeyRefusesAnInstanceItWouldIgnore() {
    Result result = run("", "instance", "gen-secret-key", "--instance", instance());
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.out()).isEmpty();
    assertThat(result.err().lines()).containsExactly("strongroom: gen-secret-key prints a new key and changes no "
        + "instance, so it takes no --instance; to rotate the key of " + instance()
        + " follow docs/operations/key-rotation.md");
  }
}
