package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.InetAddress;
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
import org.strongroom.instance.InvalidConfiguration;
import org.strongroom.support.FreePorts;

/**
 * The management server is off unless {@code strongroom.management.port} is set, so two
 * instances on one host never clash by default; a configured port serves health; a port that
 * is taken stops the start with one line naming the setting.
 */
class ServeManagementPortIntegrationTests {

  @TempDir
  Path folder;

  InstanceLayout instance(String name, String config) throws Exception {
    InstanceLayout layout = new InstanceLayout(folder.resolve(name));
    InstanceSetup.ensure(layout, Clock.systemUTC());
    if (config != null) {
      Files.writeString(layout.config(), config, StandardCharsets.UTF_8);
    }
    return layout;
  }

  @Test
  void twoInstancesWithTheDefaultsServeSideBySide() throws Exception {
    try (ConfigurableApplicationContext first = SpringContexts.withWebServer(instance("a", null), FreePorts.any());
        ConfigurableApplicationContext second = SpringContexts.withWebServer(instance("b", null), FreePorts.any())) {
      assertThat(first.isActive()).isTrue();
      assertThat(second.isActive()).isTrue();
      assertThat(first.getEnvironment().getProperty("local.management.port")).isNull();
      assertThat(second.getEnvironment().getProperty("local.management.port")).isNull();
    }
  }

  @Test
  void aServedInstanceAnswersHealthOnTheManagementPortItsFileChose() throws Exception {
    int management = FreePorts.any();
    InstanceLayout layout = instance("instance", "strongroom:\n  management:\n    port: " + management + "\n");

    try (ConfigurableApplicationContext context = SpringContexts.withWebServer(layout, FreePorts.any())) {
      HttpResponse<String> health = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1).build().send(
          HttpRequest.newBuilder(URI.create("http://127.0.0.1:" + management + "/actuator/health")).build(),
          HttpResponse.BodyHandlers.ofString());

      assertThat(health.statusCode()).isEqualTo(200);
      assertThat(health.body()).contains("\"status\":\"UP\"");
    }
  }

  @Test
  void aManagementPortInUseIsRefusedNamingTheSetting() throws Exception {
    try (ServerSocket taken = new ServerSocket(0, 1, InetAddress.getLoopbackAddress())) {
      InstanceLayout layout = instance("instance",
          "strongroom:\n  management:\n    port: " + taken.getLocalPort() + "\n");

      assertThatThrownBy(() -> SpringContexts.withWebServer(layout, FreePorts.any()).close())
          .isInstanceOf(InvalidConfiguration.class)
          .hasMessage("strongroom.management.port " + taken.getLocalPort() + " is already in use (another "
              + "instance on this host?); choose a free port for this instance, or -1 to turn its management "
              + "server off");
    }
  }
}
