package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strongroom.cli.CommandLineRun.Result;
import org.strongroom.support.TestUsers;

/**
 * The command line in-process, as a user runs it: exit codes, stdout and stderr. Each test has
 * its own instance folder (and so its own H2 database file).
 */
class CommandLineIntegrationTests {

  @TempDir
  Path temp;

  Result run(String stdin, String... args) {
    return CommandLineRun.run(stdin, args);
  }

  String instance() {
    return temp.resolve("instance").toString();
  }

  Result setup() {
    Result result = run("", "setup", "--instance", instance());
    assertThat(result.exit()).as(result.err()).isZero();
    return result;
  }

  @Test
  void setupCreatesAnInstanceAndNeverOverwritesIt() throws Exception {
    Result first = setup();
    Path dir = Path.of(instance());
    assertThat(first.out()).contains("Instance ready");
    for (String file : new String[] {"strongroom.yml", "secret.key", "tls/cert.pem", "tls/key.pem"}) {
      assertThat(dir.resolve(file)).isRegularFile();
    }
    assertThat(dir.resolve("files")).isDirectory();
    assertThat(Files.list(dir.resolve("db"))).isNotEmpty();
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("secret.key"))))
        .isEqualTo("rw-------");
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(dir.resolve("tls/key.pem"))))
        .isEqualTo("rw-------");
    assertThat(Files.readString(dir.resolve("secret.key")).strip()).matches("[A-Za-z0-9_-]{43}");

    byte[] key = Files.readAllBytes(dir.resolve("secret.key"));
    byte[] cert = Files.readAllBytes(dir.resolve("tls/cert.pem"));
    run(TestUsers.PASSWORD + "\n", "users", "create", "keep@example.org", "--password-stdin", "--instance", instance());

    Result again = setup();
    assertThat(again.out()).doesNotContain("created");
    assertThat(Files.readAllBytes(dir.resolve("secret.key"))).isEqualTo(key);
    assertThat(Files.readAllBytes(dir.resolve("tls/cert.pem"))).isEqualTo(cert);
    // The database survived: the user is still there.
    Result duplicate = run(TestUsers.PASSWORD + "\n", "users", "create", "keep@example.org",
        "--password-stdin", "--instance", instance());
    assertThat(duplicate.exit()).isNotZero();
    assertThat(duplicate.err()).contains("already exists");
  }

  @Test
  void usersAndTokensFromTheCommandLine() {
    setup();
    Result user = run(TestUsers.PASSWORD + "\n", "users", "create", "Carol@Example.org",
        "--password-stdin", "--instance", instance());
    assertThat(user.exit()).as(user.err()).isZero();
    assertThat(user.out()).contains("carol@example.org");

    Result created = run("", "tokens", "create", "-n", "ci script", "-u", "carol@example.org",
        "--scopes", "records:read,records:write", "--expires", "90d", "--allow-ip", "10.0.0.0/8,::1/128",
        "--instance", instance());
    assertThat(created.exit()).as(created.err()).isZero();
    String token = created.out().strip();
    assertThat(created.out()).isEqualTo(token + System.lineSeparator());
    assertThat(token).matches("sr_[0-9A-Za-z]{46}");

    Result list = run("", "tokens", "list", "-u", "carol@example.org", "--instance", instance());
    assertThat(list.exit()).isZero();
    assertThat(list.out()).contains("ci script").contains("records:read,records:write").contains("active")
        .doesNotContain(token).doesNotContain(token.substring(3, 20));
    String id = list.out().lines().skip(1).findFirst().orElseThrow().split("\\s+")[0];

    Result revoked = run("", "tokens", "revoke", id, "--instance", instance());
    assertThat(revoked.exit()).as(revoked.err()).isZero();
    assertThat(run("", "tokens", "list", "--instance", instance()).out()).contains("revoked");
  }

  @Test
  void weakPasswordsAndBadInputAreOneLineErrors() {
    setup();
    Result weak = run("password123\n", "users", "create", "dave@example.org", "--password-stdin", "--instance", instance());
    assertThat(weak.exit()).isNotZero();
    assertThat(weak.err().strip()).isEqualTo("strongroom: Password must be at least 12 characters long");

    Result common = run("1qaz2wsx3edc\n", "users", "create", "dave@example.org", "--password-stdin", "--instance", instance());
    assertThat(common.exit()).isNotZero();
    assertThat(common.err()).contains("too common");

    Result badEmail = run(TestUsers.PASSWORD + "\n", "users", "create", "not-an-email",
        "--password-stdin", "--instance", instance());
    assertThat(badEmail.exit()).isNotZero();
    assertThat(badEmail.err().lines().count()).isEqualTo(1);

    Result unknownUser = run("", "tokens", "create", "-n", "x", "-u", "nobody@example.org", "--instance", instance());
    assertThat(unknownUser.exit()).isNotZero();
    assertThat(unknownUser.out()).isEmpty();

    Result badScope = run("", "tokens", "create", "-n", "x", "-u", "nobody@example.org", "--scopes", "everything",
        "--instance", instance());
    assertThat(badScope.exit()).isNotZero();
    assertThat(badScope.err()).contains("unknown scope");

    Result never = run("", "tokens", "create", "-n", "x", "-u", "nobody@example.org", "--expires", "never",
        "--instance", instance());
    assertThat(never.exit()).isNotZero();
  }

  @Test
  void usageErrorsAreShortAndNeverStackTraces() {
    Result unknown = run("", "serve", "--frobnicate");
    assertThat(unknown.exit()).isEqualTo(2);
    assertThat(unknown.err()).startsWith("strongroom: Unknown option: '--frobnicate'")
        .contains("Try 'strongroom serve --help'.").doesNotContain("Exception").doesNotContain("\tat ");

    Result missing = run("", "tokens", "create");
    assertThat(missing.exit()).isEqualTo(2);
    assertThat(missing.err()).contains("Missing required options");

    Result badPort = run("", "serve", "--port", "http");
    assertThat(badPort.exit()).isEqualTo(2);

    Result noInstance = run("", "tokens", "list", "--instance", temp.resolve("nowhere").toString());
    assertThat(noInstance.exit()).isNotZero();
    assertThat(noInstance.err()).contains("no instance at").contains("strongroom setup").doesNotContain("\tat ");
  }

  @Test
  void passwordsAreNeverTakenFromTheCommandLine() {
    setup();
    Result noStdin = run("", "users", "create", "erin@example.org", "--instance", instance());
    assertThat(noStdin.exit()).isNotZero();
    assertThat(noStdin.err()).contains("--password-stdin");
    Result asArgument = run("", "users", "create", "erin@example.org", "--password", "hunter2hunter2",
        "--instance", instance());
    assertThat(asArgument.exit()).isEqualTo(2);
  }

  @Test
  void helpAndSecretKeyGeneration() {
    for (String[] command : new String[][] {{"--help"}, {"serve", "--help"}, {"demo", "--help"},
        {"setup", "--help"}, {"demo-data", "--help"}, {"users", "create", "--help"},
        {"tokens", "create", "--help"}, {"tokens", "list", "--help"}, {"tokens", "revoke", "--help"}}) {
      Result help = run("", command);
      assertThat(help.exit()).as(String.join(" ", command)).isZero();
      assertThat(help.out()).contains("Usage:");
    }
    assertThat(run("", "serve", "--help").out()).contains("--instance").contains("--port");
    Result key = run("", "instance", "gen-secret-key");
    assertThat(key.exit()).isZero();
    assertThat(key.out().strip()).matches("[A-Za-z0-9_-]{43}");
    assertThat(run("", "instance", "gen-secret-key").out()).isNotEqualTo(key.out());
  }

  @Test
  void demoDataOnceOnly() {
    setup();
    Result first = run("", "demo-data", "--instance", instance());
    assertThat(first.exit()).as(first.err()).isZero();
    assertThat(first.out()).contains("Created 50 demo records").contains("admin@example.org").containsPattern("sr_[0-9A-Za-z]{46}");
    Result second = run("", "demo-data", "--instance", instance());
    assertThat(second.exit()).isZero();
    assertThat(second.out()).contains("already present").doesNotContain("sr_");
  }
}
