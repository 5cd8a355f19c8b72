package org.strongroom.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.InetAddress;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.TimeUnit;

import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InstanceSetup;

/**
 * {@code strongroom serve} in a JVM of its own, as an operator runs it: commands run in the
 * test's JVM then meet it only through what a second process would (the database file's lock,
 * H2's port, PostgreSQL). The instance is given the test certificate, so {@link ApiClient}'s
 * trust applies.
 */
public final class ServeProcess implements AutoCloseable {

  private final Process process;
  private final int port;
  private final Path log;

  private ServeProcess(Process process, int port, Path log) {
    this.process = process;
    this.port = port;
    this.log = log;
  }

  /** An instance folder with the test certificate (setup creates the rest when it runs). */
  public static InstanceLayout prepare(Path root) {
    InstanceLayout layout = new InstanceLayout(root);
    InstanceLayout test = TestInstance.ensure();
    try {
      Files.createDirectories(layout.tlsCertificate().getParent());
      Files.copy(test.tlsCertificate(), layout.tlsCertificate());
      Files.copy(test.tlsPrivateKey(), layout.tlsPrivateKey());
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    InstanceSetup.ensure(layout, Clock.systemUTC());
    return layout;
  }

  /** Starts {@code strongroom serve} on a free port and waits until it answers. */
  public static ServeProcess start(InstanceLayout layout) {
    int port = freePort();
    Path log = layout.root().resolveSibling(layout.root().getFileName() + "-serve.log");
    List<String> command = new ArrayList<>(List.of(
        Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Xmx512m", "-XX:TieredStopAtLevel=1", "-Xshare:auto",
        "-cp", System.getProperty("java.class.path"),
        "org.strongroom.cli.StrongroomCli", "serve", "--instance", layout.root().toString(),
        "--port", Integer.toString(port)));
    try {
      ProcessBuilder builder = new ProcessBuilder(command).redirectErrorStream(true)
          .redirectOutput(log.toFile());
      // No H2 or other option of the test JVM: the child starts as an operator's server does.
      builder.environment().remove("JAVA_TOOL_OPTIONS");
      ServeProcess server = new ServeProcess(builder.start(), port, log);
      Eventually.until(Duration.ofSeconds(180), "strongroom serve to answer on port " + port, () -> {
        if (!server.process.isAlive()) {
          throw new AssertionError("strongroom serve exited with " + server.process.exitValue() + ": "
              + server.output());
        }
        return server.output().contains("Strongroom is serving");
      });
      return server;
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  public int port() {
    return port;
  }

  public String baseUrl() {
    return "https://localhost:" + port;
  }

  public long pid() {
    return process.pid();
  }

  public String output() {
    try {
      return Files.exists(log) ? Files.readString(log) : "";
    } catch (IOException e) {
      return "(unreadable: " + e + ")";
    }
  }

  public static int freePort() {
    try (ServerSocket socket = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  /** Stops the server as Ctrl-C or SIGTERM does, killing it if it does not stop in time. */
  @Override
  public void close() {
    process.destroy();
    try {
      if (!process.waitFor(60, TimeUnit.SECONDS)) {
        process.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      process.destroyForcibly();
    }
  }
}
