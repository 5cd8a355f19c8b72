package org.strongroom.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.util.Arrays;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strongroom.cli.StrongroomCli;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InstanceSetup;

/**
 * Jars built during the test run, refused before anything in them runs (or as soon as it
 * throws): tampered, unlisted, world-writable, corrupt, without a service entry, failing at
 * start-up. Each refusal is one line naming the file; {@code instance check --deploy} lists
 * an honest one with its version.
 */
class PluginRefusalTests {

  static final byte[] HONEST = PluginJarBuilder.build("test.Honest", PluginJarBuilder.source("Honest", "honest", """
      @Override public List<PluginFinding> deployChecks() {
        return List.of(new PluginFinding(false, "the mirror target is not configured", "set it"));
      }
      """), "1.4.2", true);

  @TempDir
  Path folder;

  record Run(int exit, String out) {
    List<String> findings() {
      return out.lines().filter(line -> line.startsWith("SR-")).toList();
    }
  }

  @Test
  void anHonestPinnedJarIsLoadedAndListedWithItsVersion() throws Exception {
    InstanceLayout layout = instance(Map.of("honest.jar", HONEST), Map.of("honest.jar", sha(HONEST)), true);

    Run run = check(layout);

    assertThat(run.findings()).contains("SR-W100 INFO plugin honest 1.4.2 loaded from "
        + layout.plugins().resolve("honest.jar") + " (SHA-256 " + sha(HONEST) + "); it runs with the server's full "
        + "rights — keep it pinned; review each new version before changing its hash",
        "SR-W104 WARNING plugin honest: the mirror target is not configured — set it");
    assertThat(auditLines(layout)).anySatisfy(line -> assertThat(line).contains("\"plugin.load\"")
        .contains("\"plugin:honest\"").contains("\"version\":\"1.4.2\"").contains(sha(HONEST)));
  }

  @Test
  void aTamperedJarNamesTheFileAndBothHashes() throws Exception {
    byte[] tampered = Arrays.copyOf(HONEST, HONEST.length + 1);
    InstanceLayout layout = instance(Map.of("honest.jar", tampered), Map.of("honest.jar", sha(HONEST)), true);

    Run run = check(layout);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.findings()).singleElement().asString().isEqualTo("SR-W000 ERROR the instance does not start: "
        + "plugin jar " + layout.plugins().resolve("honest.jar") + " has changed: strongroom.plugins.allow pins "
        + sha(HONEST) + " but the file's SHA-256 is " + sha(tampered) + "; review the new jar before pinning its "
        + "hash — correct the setting named in the message");
    assertThat(auditLines(layout)).anySatisfy(line -> assertThat(line).contains("\"plugin.refused\"")
        .contains("\"plugin-jar:honest.jar\"").contains("has changed"));
  }

  @Test
  void serveRefusesABadJarWithOneLineNamingItAndNoStackTrace() throws Exception {
    byte[] corrupt = "this is not a zip file".getBytes(StandardCharsets.UTF_8);
    InstanceLayout layout = instance(Map.of("corrupt.jar", corrupt), Map.of("corrupt.jar", sha(corrupt)), true);

    Served served = assertTimeoutPreemptively(Duration.ofMinutes(2), () -> serve(layout));

    assertThat(served.exit()).as(served.out() + served.err()).isEqualTo(2);
    assertThat(served.err().lines()).as(served.out() + served.err()).containsExactly("strongroom: plugin jar "
        + layout.plugins().resolve("corrupt.jar") + " is not a readable jar: zip END header not found");
    assertThat(served.out() + served.err()).doesNotContain("\tat ", "Exception", "APPLICATION FAILED", "is serving");
  }

  @Test
  void anUnlistedJarIsRefused() throws Exception {
    InstanceLayout layout = instance(Map.of("honest.jar", HONEST, "stray.jar", HONEST),
        Map.of("honest.jar", sha(HONEST)), true);

    Run run = check(layout);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.findings()).singleElement().asString().contains("plugin jar " + layout.plugins().resolve("stray.jar")
        + " is not in strongroom.plugins.allow (its SHA-256 is " + sha(HONEST) + ")");
  }

  @Test
  void aWorldWritableJarIsRefusedEvenWhenPinned() throws Exception {
    InstanceLayout layout = instance(Map.of("honest.jar", HONEST), Map.of("honest.jar", sha(HONEST)), true);
    Files.setPosixFilePermissions(layout.plugins().resolve("honest.jar"), PosixFilePermissions.fromString("rw-rw-rw-"));

    Run run = check(layout);

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.findings()).singleElement().asString().contains("plugin jar "
        + layout.plugins().resolve("honest.jar") + " is writable by group or others (rw-rw-rw-); run chmod go-w on it");
  }

  @Test
  void aJarNotOwnedByTheServersUserIsRefusedEvenWhenPinned() throws Exception {
    InstanceLayout layout = instance(Map.of("honest.jar", HONEST), Map.of("honest.jar", sha(HONEST)), true);
    String owner = Files.getOwner(layout.plugins().resolve("honest.jar")).getName();
    // The server's user is the JVM's user.name: here another account than the one owning the jar
    // (chown needs root, which a developer's test run does not have).
    String realUser = System.getProperty("user.name");
    Run run;
    System.setProperty("user.name", "strongroom-service");
    try {
      run = check(layout);
    } finally {
      System.setProperty("user.name", realUser);
    }

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.findings()).singleElement().asString().contains(" is owned by " + owner
        + ", not by strongroom-service, the user the server runs as; chown it to strongroom-service");
  }

  @Test
  void aCorruptJarAJarWithoutServiceEntryAndAPluginThatThrowsAreNamed() throws Exception {
    byte[] corrupt = "this is not a zip file".getBytes(StandardCharsets.UTF_8);
    byte[] noEntry = PluginJarBuilder.build("test.Quiet", PluginJarBuilder.source("Quiet", "quiet", ""), "1", false);
    byte[] throwing = PluginJarBuilder.build("test.Boom", PluginJarBuilder.source("Boom", "boom",
        "@Override public void start() { throw new IllegalStateException(\"no database for boom\\nsecond line\"); }"),
        "1", true);

    for (var jar : Map.of("corrupt.jar", corrupt, "quiet.jar", noEntry, "boom.jar", throwing).entrySet()) {
      InstanceLayout layout = instance(Map.of(jar.getKey(), jar.getValue()),
          Map.of(jar.getKey(), sha(jar.getValue())), true);

      Run run = check(layout);

      assertThat(run.exit()).as(jar.getKey()).isEqualTo(1);
      assertThat(run.findings()).as(jar.getKey()).singleElement().asString()
          .contains("plugin jar " + layout.plugins().resolve(jar.getKey()))
          .contains(switch (jar.getKey()) {
            case "corrupt.jar" -> "is not a readable jar";
            case "quiet.jar" -> "has no META-INF/services/org.strongroom.plugins.StrongroomPlugin entry";
            default -> "failed to start: java.lang.IllegalStateException: no database for boom";
          })
          .doesNotContain("second line");
      Files.walk(folder).sorted(java.util.Comparator.reverseOrder()).forEach(p -> p.toFile().delete());
    }
  }

  @Test
  void withPluginsOffNothingIsLoadedAndTheJarsAreMentioned() throws Exception {
    byte[] throwing = PluginJarBuilder.build("test.Boom", PluginJarBuilder.source("Boom", "boom",
        "@Override public void start() { throw new IllegalStateException(\"must never run\"); }"), "1", true);
    InstanceLayout layout = instance(Map.of("boom.jar", throwing), Map.of(), false);

    Run run = check(layout);

    assertThat(run.exit()).isZero();
    assertThat(run.findings()).containsExactly("SR-W102 INFO 1 jar(s) in " + layout.plugins() + " are not loaded "
        + "because strongroom.plugins.enabled is false — remove them, or enable plugins and pin each one");
  }

  private InstanceLayout instance(Map<String, byte[]> jars, Map<String, String> pins, boolean enabled)
      throws Exception {
    InstanceLayout layout = new InstanceLayout(folder.resolve("instance"));
    InstanceSetup.ensure(layout, Clock.systemUTC());
    Files.createDirectories(layout.plugins());
    Files.setPosixFilePermissions(layout.plugins(), PosixFilePermissions.fromString("rwxr-xr-x"));
    for (var jar : jars.entrySet()) {
      Path file = layout.plugins().resolve(jar.getKey());
      Files.write(file, jar.getValue());
      Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    }
    StringBuilder config = new StringBuilder("strongroom:\n  plugins:\n    enabled: " + enabled + "\n    allow:\n");
    pins.forEach((file, hash) -> config.append("      \"[").append(file).append("]\": ").append(hash).append('\n'));
    if (pins.isEmpty()) {
      config.append("      {}\n");
    }
    Files.writeString(layout.config(), config.toString().replace("    allow:\n      {}\n", "    allow: {}\n"));
    return layout;
  }

  private static Run check(InstanceLayout layout) {
    PrintStream out = System.out;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      int exit = StrongroomCli.run("instance", "check", "--instance", layout.root().toString());
      return new Run(exit, stdout.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
    }
  }

  /** The audit log's JSON-lines copy in the instance (logs/audit.jsonl). */
  private static List<String> auditLines(InstanceLayout layout) throws Exception {
    return Files.readAllLines(layout.root().resolve("logs/audit.jsonl"));
  }

  record Served(int exit, String out, String err) {}

  /** {@code strongroom serve}; it returns only when the start fails. */
  private static Served serve(InstanceLayout layout) throws Exception {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    int port;
    try (ServerSocket socket = new ServerSocket(0)) {
      port = socket.getLocalPort();
    }
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int exit = StrongroomCli.run("serve", "--instance", layout.root().toString(), "--port", String.valueOf(port));
      return new Served(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  private static String sha(byte[] bytes) {
    return PluginJarBuilder.sha256(bytes);
  }
}
