package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.ServerSocket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InstanceSetup;

/**
 * {@code serve} and {@code demo} start the management server (default port 5001) and the
 * instance file can move it: the default is only a default.
 */
class ServeManagementPortTests {

  @TempDir
  Path folder;

  @Test
  void aServedInstanceAnswersHealthOnTheManagementPortItsFileChose() throws Exception {
    assertThat(SpringContexts.DEFAULT_MANAGEMENT_PORT).isEqualTo(5001);
    InstanceLayout layout = new InstanceLayout(folder.resolve("instance"));
    InstanceSetup.ensure(layout, Clock.systemUTC());
    int https = freePort();
    int management = freePort();
    Files.writeString(layout.config(), "strongroom:\n  management:\n    port: " + management + "\n",
        StandardCharsets.UTF_8);

    try (ConfigurableApplicationContext context = SpringContexts.withWebServer(layout, https)) {
      HttpResponse<String> health = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/actuator/health")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"");
    }
  }

  private static int freePort() throws Exception {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    }
  }
}
