package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.IOException;
import java.io.InputStream;
import java.net.InetAddress;
import java.net.UnknownHostException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.HexFormat;
import java.util.List;
import java.util.Properties;

import org.junit.jupiter.api.Test;
import org.strongroom.instance.InstanceLayout;

/**
 * On the embedded H2 database: commands reach the serving process's database through H2's
 * automatic mixed mode, and the port that opens listens on loopback only and serves nobody
 * without the random key in the lock file (in a folder only the server's user may read) and
 * the database credentials.
 */
class CommandsBesideServerIntegrationTests extends CommandsBesideServerContract {

  @Override
  void useDatabase(InstanceLayout layout) {
    // The default: the instance's own H2 file.
  }

  @Test
  void theServersDatabasePortListensOnLoopbackOnly() throws Exception {
    int port = h2Port();
    List<InetAddress> listening = listeningAddresses(port);
    assertThat(listening).as("sockets listening on H2's port " + port).isNotEmpty();
    assertThat(listening).allMatch(InetAddress::isLoopbackAddress);
  }

  @Test
  void theDatabasePortRefusesAWrongKeyAndWrongCredentials() throws Exception {
    int port = h2Port();
    String key = lockFile().getProperty("id");
    String url = "jdbc:h2:tcp://127.0.0.1:" + port + "/";

    assertThatThrownBy(() -> DriverManager.getConnection(url + key, "sa", "guessed password").close())
        .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
    assertThatThrownBy(() -> DriverManager.getConnection(url + key, "admin", "").close())
        .isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
    // The database's own path instead of the key: refused even with the right credentials.
    assertThatThrownBy(() -> DriverManager.getConnection(url + layout.databaseFolder().resolve("strongroom"),
        "sa", "").close()).isInstanceOf(SQLException.class).hasMessageContaining("Wrong user name or password");
    // With both, as the commands connect.
    try (Connection connection = DriverManager.getConnection(url + key, "sa", "")) {
      assertThat(connection.isValid(5)).isTrue();
    }
  }

  @Test
  void aCommandWhoseDatabasePortWouldListenBeyondLoopbackIsRefused() throws Exception {
    Process process = new ProcessBuilder(Path.of(System.getProperty("java.home"), "bin", "java").toString(),
        "-Dh2.bindAddress=0.0.0.0", "-XX:TieredStopAtLevel=1", "-cp", System.getProperty("java.class.path"),
        "org.strongroom.cli.StrongroomCli", "tokens", "list", "--instance", layout.root().toString())
        .redirectErrorStream(false).start();
    String err = new String(process.getErrorStream().readAllBytes(), java.nio.charset.StandardCharsets.UTF_8);
    assertThat(process.waitFor()).isEqualTo(Failures.CONFIGURATION);
    assertThat(err.lines()).hasSize(1);
    assertThat(err).startsWith("strongroom: -Dh2.bindAddress=0.0.0.0: the embedded database's port for commands "
        + "beside the server (AUTO_SERVER) must listen on loopback only");
  }

  @Test
  void theKeyToThePortIsReadableByTheServersUserOnly() throws IOException {
    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.databaseFolder())))
        .isEqualTo("rwx------");
  }

  Properties lockFile() throws IOException {
    Properties lock = new Properties();
    try (InputStream in = Files.newInputStream(layout.databaseFolder().resolve("strongroom.lock.db"))) {
      lock.load(in);
    }
    return lock;
  }

  int h2Port() throws IOException {
    String server = lockFile().getProperty("server");
    assertThat(server).as("the lock file names the serving process's port").isNotNull();
    return Integer.parseInt(server.substring(server.lastIndexOf(':') + 1));
  }

  /** The local addresses of the sockets listening on the port, from the kernel's tables. */
  static List<InetAddress> listeningAddresses(int port) throws IOException {
    List<InetAddress> addresses = new ArrayList<>();
    for (String table : new String[] {"/proc/net/tcp", "/proc/net/tcp6"}) {
      Path path = Path.of(table);
      if (!Files.isReadable(path)) {
        continue;
      }
      for (String line : Files.readAllLines(path).subList(1, Files.readAllLines(path).size())) {
        String[] fields = line.trim().split("\\s+");
        String[] local = fields[1].split(":");
        if ("0A".equals(fields[3]) && Integer.parseInt(local[1], 16) == port) {
          addresses.add(address(local[0]));
        }
      }
    }
    return addresses;
  }

  /** /proc/net/tcp* writes each 32-bit word of the address in host (little-endian) order. */
  private static InetAddress address(String hex) throws UnknownHostException {
    byte[] raw = HexFormat.of().parseHex(hex);
    for (int word = 0; word < raw.length; word += 4) {
      for (int i = 0; i < 2; i++) {
        byte swap = raw[word + i];
        raw[word + i] = raw[word + 3 - i];
        raw[word + 3 - i] = swap;
      }
    }
    return InetAddress.getByAddress(raw);
  }
}
