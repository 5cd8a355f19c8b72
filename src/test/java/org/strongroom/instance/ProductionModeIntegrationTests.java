package org.strongroom.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.StrongroomApplication;
import org.strongroom.support.TestInstance;

/** Production mode refuses to start while the deployment check reports an error, printing each. */
@ExtendWith(OutputCaptureExtension.class)
class ProductionModeIntegrationTests {

  /** Starts the real server with the properties as command-line arguments (as {@code serve} does). */
  static ConfigurableApplicationContext start(String... properties) {
    TestInstance.ensure();
    String[] arguments = new String[properties.length + 3];
    arguments[0] = "--strongroom.instance=" + TestInstance.FOLDER;
    arguments[1] = "--server.port=0";
    arguments[2] = "--strongroom.database.url=jdbc:h2:mem:production-" + System.nanoTime() + ";DB_CLOSE_DELAY=-1";
    for (int i = 0; i < properties.length; i++) {
      arguments[i + 3] = "--" + properties[i];
    }
    return new SpringApplicationBuilder(StrongroomApplication.class).web(WebApplicationType.SERVLET).run(arguments);
  }

  @Test
  void productionRefusesAStarInAllowedHosts(CapturedOutput output) {
    assertThatThrownBy(() -> start("strongroom.env=production", "strongroom.allowed-hosts=*").close())
        .hasStackTraceContaining("production mode: the deployment check found 1 error(s)");

    assertThat(output.getErr()).contains("SR-W010 ERROR strongroom.allowed-hosts contains '*'")
        .contains(" — list the host names clients use");
  }

  @Test
  void productionPrintsEveryErrorBeforeRefusing(CapturedOutput output) {
    assertThatThrownBy(() -> start("strongroom.env=production", "strongroom.allowed-hosts=*",
        "strongroom.csp=default-src 'self' 'unsafe-inline'").close())
        .hasStackTraceContaining("found 2 error(s)");

    assertThat(output.getErr()).contains("SR-W010 ERROR").contains("SR-W050 ERROR");
  }

  @Test
  void productionRefusesADirectoryReachedWithoutTls(CapturedOutput output) {
    assertThatThrownBy(() -> start("strongroom.env=production",
        "strongroom.sso.ldap.url=ldap://ldap.example.org/dc=example,dc=org",
        "strongroom.sso.ldap.user-dn-pattern=uid={0},ou=people").close())
        .hasStackTraceContaining("production mode: the deployment check found 1 error(s)");

    assertThat(output.getErr()).contains("SR-W143 ERROR strongroom.sso.ldap.url is plain LDAP without StartTLS")
        .contains("use ldaps://… or set strongroom.sso.ldap.start-tls: true");
  }

  @Test
  void outsideProductionAStarIsOnlyAWarningAndTheServerStarts() {
    try (ConfigurableApplicationContext context = start("strongroom.allowed-hosts=*")) {
      assertThat(context.getBean(DeployChecks.class).run(false))
          .extracting(Finding::line).anyMatch(line -> line.startsWith("SR-W010 WARNING"));
    }
  }

  @Test
  void productionWithoutErrorsStarts(CapturedOutput output) {
    try (ConfigurableApplicationContext context = start("strongroom.env=production")) {
      assertThat(context.isActive()).isTrue();
    }
    assertThat(output.getErr()).contains("SR-W021 WARNING").doesNotContain(" ERROR ");
  }
}
