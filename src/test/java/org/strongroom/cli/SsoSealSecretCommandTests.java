package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.strongroom.secrets.SecretBox;
import org.strongroom.secrets.SecretKeyRing;
import org.strongroom.secrets.SecretsProperties;
import org.strongroom.support.TestInstance;
import picocli.CommandLine;

class SsoSealSecretCommandTests {

  @Test
  void sealsTheSecretFromStdinSoThatOnlyTheInstanceKeyOpensIt() throws Exception {
    TestInstance.ensure();
    InputStream in = System.in;
    PrintStream out = System.out;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit;
    try {
      System.setIn(new ByteArrayInputStream("oidc-client-secret\n".getBytes(StandardCharsets.UTF_8)));
      System.setOut(new PrintStream(printed, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new StrongroomCommand()).execute("sso", "seal-secret", "--instance", TestInstance.FOLDER);
    } finally {
      System.setIn(in);
      System.setOut(out);
    }
    assertThat(exit).isZero();
    // Other tests' servers in this JVM may log to the captured stdout meanwhile: take the one
    // line that is a sealed value.
    List<String> lines = printed.toString(StandardCharsets.UTF_8).lines()
        .filter(line -> line.matches("[A-Za-z0-9_-]{40,}")).toList();
    assertThat(lines).hasSize(1);
    String sealed = lines.get(0);
    assertThat(sealed).doesNotContain("oidc-client-secret");
    String key = Files.readString(TestInstance.LAYOUT.secretKey()).strip();
    SecretBox box = new SecretBox(new SecretKeyRing(new SecretsProperties(key, List.of())));
    assertThat(new String(box.open("sso-oidc-client-secret", sealed), StandardCharsets.UTF_8)).isEqualTo("oidc-client-secret");
  }

  @Test
  void anEmptyStdinIsOneLineAndExitTwo() {
    TestInstance.ensure();
    InputStream in = System.in;
    PrintStream err = System.err;
    ByteArrayOutputStream printed = new ByteArrayOutputStream();
    int exit;
    try {
      System.setIn(new ByteArrayInputStream(new byte[0]));
      System.setErr(new PrintStream(printed, true, StandardCharsets.UTF_8));
      exit = new CommandLine(new StrongroomCommand()).execute("sso", "seal-secret", "--instance", TestInstance.FOLDER);
    } finally {
      System.setIn(in);
      System.setErr(err);
    }
    assertThat(exit).isEqualTo(2);
    assertThat(printed.toString(StandardCharsets.UTF_8)).contains("No secret on stdin");
  }
}
