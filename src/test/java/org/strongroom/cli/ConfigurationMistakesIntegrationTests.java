package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.stream.Stream;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.Arguments;
import org.junit.jupiter.params.provider.MethodSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.junit.jupiter.api.io.TempDir;
import org.strongroom.cli.CommandLineRun.Result;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InstanceSetup;
import org.strongroom.support.FreePorts;

/**
 * Every operator mistake in the configuration, for a serving command and for one that does not
 * serve: one line on stderr naming the file (or source), the line where it has one, the key and
 * the fix; exit 2; no stack trace anywhere on the console; nothing served.
 */
class ConfigurationMistakesIntegrationTests {

  @TempDir
  Path temp;

  InstanceLayout layout;

  @BeforeEach
  void instance() {
    layout = new InstanceLayout(temp.resolve("instance"));
    InstanceSetup.ensure(layout, Clock.systemUTC());
  }

  Result run(String command) {
    String[] args = command.equals("serve")
        ? new String[] {"serve", "--instance", layout.root().toString(), "--port", String.valueOf(FreePorts.any())}
        : new String[] {"tokens", "list", "--instance", layout.root().toString()};
    return CommandLineRun.run("", args);
  }

  void write(String yaml) throws Exception {
    Files.delete(layout.config());
    Files.writeString(layout.config(), yaml, StandardCharsets.UTF_8);
  }

  void assertOneLine(Result result, String expected) {
    assertThat(result.exit()).as(result.out() + result.err()).isEqualTo(2);
    assertThat(result.err().lines()).as(result.out() + result.err()).containsExactly("strongroom: " + expected);
    assertThat(result.out() + result.err()).doesNotContain("\tat ", "Exception", "APPLICATION FAILED")
        .doesNotContain("Tomcat initialized", "HikariPool");
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "tokens list"})
  void badYamlNamesTheLine(String command) throws Exception {
    write("strongroom:\n  allowed-hosts: [repo.example.org\n  trusted-proxies: 1\n");
    Result result = run(command);
    assertThat(result.err()).startsWith("strongroom: " + layout.config() + ": not valid YAML at line ");
    assertOneLine(result, result.err().strip().substring("strongroom: ".length()));
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "tokens list"})
  void anUnreadableFileIsNamed(String command) throws Exception {
    Files.delete(layout.config());
    Files.createDirectory(layout.config());
    assertOneLine(run(command), layout.config() + ": cannot be read: it is a folder; it must be a YAML file");
  }

  /** A mistake written into strongroom.yml and the one line it gets; {@code FILE} stands for the file's path. */
  record Mistake(String what, String yaml, String line) {
    @Override
    public String toString() {
      return what;
    }
  }

  static Stream<Arguments> mistakes() {
    return Stream.of(
        new Mistake("a duplicate key names both lines",
            "strongroom:\n  trusted-proxies: 1\n\n# more\nstrongroom:\n  allowed-hosts: repo.example.org\n",
            "FILE: duplicate key 'strongroom' at line 5 (first at line 1); merge the two into one"),
        new Mistake("an unknown key is refused with a guess",
            "strongroom:\n  # a typo that would leave the setting at its default\n  trusted-proxys: 1\n",
            "FILE line 3: unknown key 'strongroom.trusted-proxys'; did you mean 'strongroom.trusted-proxies'?"),
        new Mistake("an unknown nested key is refused",
            "strongroom:\n  security:\n    session:\n      idle-timeot: 5m\n",
            "FILE line 4: unknown key 'strongroom.security.session.idle-timeot'; "
                + "did you mean 'strongroom.security.session.idle-timeout'?"),
        new Mistake("a wrong type names the key",
            "strongroom:\n  trusted-proxies: lots\n",
            "FILE line 2: strongroom.trusted-proxies: 'lots' is not a whole number"),
        new Mistake("a value a record refuses names the key and the fix",
            "strongroom:\n  trusted-proxies: 11\n",
            "strongroom.trusted-proxies must be between 0 and 10 "
                + "(the number of reverse proxies in front of the server), not 11"))
        .flatMap(mistake -> Stream.of("serve", "tokens list").map(command -> Arguments.of(command, mistake)));
  }

  /** Every command that reads an instance, with the arguments it needs to get that far. */
  static Stream<String> everyCommandReadingTheInstance() {
    return Stream.of("serve", "demo", "demo-data", "users create someone@example.org --password-stdin",
        "tokens create -n build -u someone@example.org", "tokens list", "tokens revoke abc",
        "instance check", "instance migrate-secret-key --old-key-stdin", "storage seal-secret",
        "sso seal-secret", "audit verify", "backup --to BACKUP");
  }

  /** The unknown key, for every command: each reads the file through the same loader, and each is asked. */
  @ParameterizedTest
  @MethodSource("everyCommandReadingTheInstance")
  void everyCommandRefusesAnUnknownKey(String command) throws Exception {
    write("strongroom:\n  allowed-host: repo.example.org\n");
    java.util.List<String> args = new java.util.ArrayList<>(java.util.List.of(command.split(" ")));
    args.replaceAll(arg -> arg.equals("BACKUP") ? temp.resolve("backup").toString() : arg);
    args.addAll(java.util.List.of("--instance", layout.root().toString()));
    if (command.equals("serve") || command.equals("demo")) {
      args.addAll(java.util.List.of("--port", String.valueOf(FreePorts.any())));
    }
    // What a command reads on stdin before it opens the instance: a password, an old key.
    String stdin = command.startsWith("users create") ? "a password long enough to pass 1\n"
        : command.contains("--old-key-stdin") ? org.strongroom.secrets.SecretKeys.generate() + "\n" : "";
    assertOneLine(CommandLineRun.run(stdin, args.toArray(String[]::new)), layout.config()
        + " line 2: unknown key 'strongroom.allowed-host'; did you mean 'strongroom.allowed-hosts'?");
  }

  @ParameterizedTest(name = "{0}: {1}")
  @MethodSource("mistakes")
  void aMistakeInTheFileGetsOneLine(String command, Mistake mistake) throws Exception {
    write(mistake.yaml());
    assertOneLine(run(command), mistake.line().replace("FILE", layout.config().toString()));
  }
}
