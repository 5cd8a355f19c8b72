package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.CsvSource;
import org.junit.jupiter.params.provider.ValueSource;
import org.strongroom.cli.CommandLineRun.Result;
import org.strongroom.secrets.SecretBox;
import org.strongroom.secrets.SecretKeyRing;
import org.strongroom.secrets.SecretsProperties;
import org.strongroom.support.TestInstance;

/**
 * {@code sso seal-secret} and {@code storage seal-secret}: the secret is read from stdin (never
 * an argument), printed sealed for its own purpose under the instance secret key, and an empty
 * stdin is one line and exit 2.
 */
class SealSecretCommandTests {

  @ParameterizedTest
  @CsvSource({"sso, sso-oidc-client-secret, oidc-client-secret", "storage, storage-s3, s3-secret-value"})
  void sealsTheSecretFromStdinSoThatOnlyTheInstanceKeyOpensIt(String group, String purpose, String secret)
      throws Exception {
    TestInstance.ensure();
    Result result = CommandLineRun.run(secret + "\n", group, "seal-secret", "--instance", TestInstance.FOLDER);
    assertThat(result.exit()).as(result.err()).isZero();
    // Other tests' servers in this JVM may log to the captured stdout meanwhile: take the one
    // line that is a sealed value.
    List<String> lines = result.out().lines().filter(line -> line.matches("[A-Za-z0-9_-]{40,}")).toList();
    assertThat(lines).hasSize(1);
    String sealed = lines.get(0);
    assertThat(sealed).doesNotContain(secret);
    String key = Files.readString(TestInstance.LAYOUT.secretKey()).strip();
    SecretBox box = new SecretBox(new SecretKeyRing(new SecretsProperties(key, List.of())));
    assertThat(new String(box.open(purpose, sealed), StandardCharsets.UTF_8)).isEqualTo(secret);
  }

  @ParameterizedTest
  @ValueSource(strings = {"sso", "storage"})
  void anEmptyStdinIsOneLineAndExitTwo(String group) {
    TestInstance.ensure();
    Result result = CommandLineRun.run("", group, "seal-secret", "--instance", TestInstance.FOLDER);
    assertThat(result.exit()).isEqualTo(2);
    assertThat(result.err()).contains("No secret on stdin");
  }
}
