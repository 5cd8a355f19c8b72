package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.params.ParameterizedTest;
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
  void aDuplicateKeyNamesBothLines(String command) throws Exception {
    write("strongroom:\n  trusted-proxies: 1\n\n# more\nstrongroom:\n  allowed-hosts: repo.example.org\n");
    assertOneLine(run(command), layout.config() + ": duplicate key 'strongroom' at line 5 (first at line 1); "
        + "merge the two into one");
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

  @ParameterizedTest
  @ValueSource(strings = {"serve", "tokens list"})
  void anUnknownKeyIsRefusedWithAGuess(String command) throws Exception {
    write("strongroom:\n  # a typo that would leave the setting at its default\n  trusted-proxys: 1\n");
    assertOneLine(run(command), layout.config() + " line 3: unknown key 'strongroom.trusted-proxys'; "
        + "did you mean 'strongroom.trusted-proxies'?");
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "tokens list"})
  void anUnknownNestedKeyIsRefused(String command) throws Exception {
    write("strongroom:\n  security:\n    session:\n      idle-timeot: 5m\n");
    assertOneLine(run(command), layout.config() + " line 4: unknown key 'strongroom.security.session.idle-timeot'; "
        + "did you mean 'strongroom.security.session.idle-timeout'?");
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "tokens list"})
  void aWrongTypeNamesTheKey(String command) throws Exception {
    write("strongroom:\n  trusted-proxies: lots\n");
    assertOneLine(run(command), layout.config() + " line 2: strongroom.trusted-proxies: 'lots' is not a whole number");
  }

  @ParameterizedTest
  @ValueSource(strings = {"serve", "tokens list"})
  void aValueARecordRefusesNamesTheKeyAndTheFix(String command) throws Exception {
    write("strongroom:\n  trusted-proxies: 11\n");
    assertOneLine(run(command), "strongroom.trusted-proxies must be between 0 and 10 "
        + "(the number of reverse proxies in front of the server), not 11");
  }
}
