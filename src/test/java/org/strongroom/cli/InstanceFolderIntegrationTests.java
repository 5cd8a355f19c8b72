package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InstanceSetup;
import org.strongroom.support.FreePorts;

/**
 * The instance folder as {@code setup} leaves it: its {@code strongroom.yml} is readable by
 * the owner only, and the relative paths it suggests mean places inside the folder, not in
 * the directory the server happens to be started from (here the project directory, which has
 * no tls/ folder: a path resolved against it would stop the start).
 */
class InstanceFolderIntegrationTests {

  @TempDir
  Path temp;

  @Test
  void theConfigurationFileIsWrittenForTheOwnerOnly() throws Exception {
    InstanceLayout layout = new InstanceLayout(temp.resolve("instance"));
    InstanceSetup.ensure(layout, Clock.systemUTC());

    assertThat(PosixFilePermissions.toString(Files.getPosixFilePermissions(layout.config()))).isEqualTo("rw-------");
  }

  @Test
  void relativePathsAreInsideTheInstanceFolder() throws Exception {
    assertThat(Path.of("tls/cert.pem")).doesNotExist();
    InstanceLayout layout = new InstanceLayout(temp.resolve("instance"));
    InstanceSetup.ensure(layout, Clock.systemUTC());
    Files.delete(layout.config());
    Files.writeString(layout.config(), """
        strongroom:
          tls:
            certificate: tls/cert.pem
            private-key: tls/key.pem
          storage:
            local:
              path: uploads
          audit:
            file: audit/log.jsonl
        """, StandardCharsets.UTF_8);

    try (ConfigurableApplicationContext context = SpringContexts.withWebServer(layout, FreePorts.any())) {
      var environment = context.getEnvironment();
      assertThat(environment.getProperty("strongroom.tls.certificate"))
          .isEqualTo(layout.root().resolve("tls/cert.pem").toString());
      assertThat(environment.getProperty("strongroom.tls.private-key"))
          .isEqualTo(layout.root().resolve("tls/key.pem").toString());
      assertThat(environment.getProperty("strongroom.storage.local.path"))
          .isEqualTo(layout.root().resolve("uploads").toString());
      assertThat(environment.getProperty("strongroom.audit.file"))
          .isEqualTo(layout.root().resolve("audit/log.jsonl").toString());
      assertThat(layout.root().resolve("uploads")).isDirectory();
    }
    assertThat(Path.of("uploads")).doesNotExist();
  }
}
