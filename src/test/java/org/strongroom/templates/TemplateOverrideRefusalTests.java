package org.strongroom.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.MessageDigest;
import java.time.Clock;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.strongroom.StrongroomApplication;
import org.strongroom.cli.StrongroomCli;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InstanceSetup;

/**
 * An override carrying an SSTI payload is refused with file and line by {@code instance check}
 * and stops a served instance from starting; pinned by its SHA-256 it is allowed, and the
 * deploy check says so.
 */
class TemplateOverrideRefusalTests {

  static final String UNSAFE = """
      <!DOCTYPE html>
      <html lang="en" xmlns:th="http://www.thymeleaf.org"
            th:replace="~{fragments/layout :: page(title='Home', content=~{::main})}">
      <body>
      <main>
        <p th:text="${T(java.lang.Runtime).getRuntime().exec('id')}">x</p>
      </main>
      </body>
      </html>
      """;

  @TempDir
  Path folder;

  @Test
  void theCheckNamesFileAndLineAndTheFix() throws Exception {
    InstanceLayout layout = instance(UNSAFE, "strongroom: {}\n");
    Path file = layout.templates().resolve("records/home.html");

    List<String> findings = check(layout);

    assertThat(findings).containsExactly("SR-W110 ERROR template override " + file + " line 6: T(…) type expression "
        + "— remove it, or review the file and pin it: strongroom.templates.allow-unsafe.\"[records/home.html]\": "
        + sha256(UNSAFE));
  }

  @Test
  void aPinnedOverrideIsAllowedAndTheDeployCheckSaysSo() throws Exception {
    InstanceLayout layout = instance(UNSAFE, "strongroom:\n  templates:\n    allow-unsafe:\n"
        + "      \"[records/home.html]\": " + sha256(UNSAFE) + "\n");

    List<String> findings = check(layout);

    assertThat(findings).singleElement().asString().startsWith("SR-W111 WARNING template override "
        + layout.templates().resolve("records/home.html") + " uses T(…) type expression (line 6) and is allowed only "
        + "because its SHA-256 " + sha256(UNSAFE) + " is pinned in strongroom.templates.allow-unsafe");
  }

  @Test
  void anOverrideWithoutAShippedNameIsRefused() throws Exception {
    InstanceLayout layout = instance(null, "strongroom: {}\n");
    Files.createDirectories(layout.templates());
    Files.writeString(layout.templates().resolve("evil.html"), "<p>hi</p>");

    assertThat(check(layout)).singleElement().asString().startsWith("SR-W110 ERROR template override "
        + layout.templates().resolve("evil.html") + ": there is no shipped template evil.html to override");
  }

  @Test
  void aServedInstanceDoesNotStartWithARefusedOverride() throws Exception {
    InstanceLayout layout = instance(UNSAFE, "strongroom: {}\n");

    assertThatThrownBy(() -> new SpringApplicationBuilder(StrongroomApplication.class)
        .web(WebApplicationType.SERVLET).logStartupInfo(false)
        .run("--strongroom.instance=" + layout.root(), "--server.port=0", "--logging.threshold.console=OFF").close())
        .satisfies(e -> assertThat(rootMessage(e)).isEqualTo("template override "
            + layout.templates().resolve("records/home.html") + " line 6: T(…) type expression — remove it, or "
            + "review the file and pin it: strongroom.templates.allow-unsafe.\"[records/home.html]\": " + sha256(UNSAFE)));
  }

  static final String BROKEN = UNSAFE.replace("${T(java.lang.Runtime).getRuntime().exec('id')}", "${record.title");

  @Test
  void aSyntaxErrorIsNamedWithFileAndLineAndNoPinServesIt() throws Exception {
    InstanceLayout layout = instance(BROKEN, "strongroom:\n  templates:\n    allow-unsafe:\n"
        + "      \"[records/home.html]\": " + sha256(BROKEN) + "\n");

    List<String> findings = check(layout, "--deploy");

    assertThat(findings).filteredOn(f -> f.startsWith("SR-W110")).containsExactly("SR-W110 ERROR template override "
        + layout.templates().resolve("records/home.html") + " line 6: th:text=\"${record.title\" is not an "
        + "expression Thymeleaf can parse (Could not parse as expression: \"${record.title\") — correct it: "
        + "Thymeleaf cannot parse it, so the page would fail each time it is shown");
  }

  @Test
  void serveRefusesABrokenOverrideWithOneLineAndNoStackTrace() throws Exception {
    InstanceLayout layout = instance(BROKEN, "strongroom: {}\n");

    Served served = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> serve(layout));

    assertThat(served.exit()).as(served.out() + served.err()).isEqualTo(2);
    assertThat(served.err().lines()).as(served.out() + served.err()).containsExactly("strongroom: template override "
        + layout.templates().resolve("records/home.html") + " line 6: th:text=\"${record.title\" is not an "
        + "expression Thymeleaf can parse (Could not parse as expression: \"${record.title\") — correct it: "
        + "Thymeleaf cannot parse it, so the page would fail each time it is shown");
    assertThat(served.out() + served.err()).doesNotContain("\tat ", "Exception", "APPLICATION FAILED", "is serving");
  }

  record Served(int exit, String out, String err) {}

  private static Served serve(InstanceLayout layout) throws Exception {
    ByteArrayOutputStream out = new ByteArrayOutputStream();
    ByteArrayOutputStream err = new ByteArrayOutputStream();
    PrintStream originalOut = System.out;
    PrintStream originalErr = System.err;
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try {
      System.setOut(new PrintStream(out, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(err, true, StandardCharsets.UTF_8));
      // The command line's writers are made here, on the streams just set.
      int exit = StrongroomCli.run("serve", "--instance", layout.root().toString(), "--port", String.valueOf(port));
      return new Served(exit, out.toString(StandardCharsets.UTF_8), err.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(originalOut);
      System.setErr(originalErr);
    }
  }

  private InstanceLayout instance(String home, String config) throws Exception {
    InstanceLayout layout = new InstanceLayout(folder.resolve("instance"));
    InstanceSetup.ensure(layout, Clock.systemUTC());
    Files.writeString(layout.config(), config);
    if (home != null) {
      Path records = Files.createDirectories(layout.templates().resolve("records"));
      Files.writeString(records.resolve("home.html"), home);
    }
    return layout;
  }

  private static List<String> check(InstanceLayout layout, String... options) {
    PrintStream out = System.out;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      List<String> arguments = new java.util.ArrayList<>(List.of("instance", "check", "--instance",
          layout.root().toString()));
      arguments.addAll(List.of(options));
      StrongroomCli.run(arguments.toArray(String[]::new));
      return stdout.toString(StandardCharsets.UTF_8).lines().filter(l -> l.startsWith("SR-")).toList();
    } finally {
      System.setOut(out);
    }
  }

  private static String rootMessage(Throwable e) {
    Throwable cause = e;
    while (cause.getCause() != null) {
      cause = cause.getCause();
    }
    return cause.getMessage();
  }

  private static String sha256(String text) throws Exception {
    return HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(text.getBytes(StandardCharsets.UTF_8)));
  }
}
