package org.strongroom.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.strongroom.accounts.Accounts;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.RecordedAuditEvents;
import org.strongroom.support.SessionClient;

/**
 * LDAP sign-in over TLS against a real directory ({@link TlsDirectory}), the directory's CA
 * trusted through {@code strongroom.sso.ldap.trusted-certificates} and nothing turned off: the
 * sign-in works and no password crosses the wire in clear; a certificate of another CA, or one of the
 * right CA for another host name, is refused with one log line and nobody signed in.
 * {@link LdapsIntegrationTests} runs it over {@code ldaps://}, {@link LdapStartTlsIntegrationTests}
 * with StartTLS.
 */
@IntegrationTest
@Import(RecordedAuditEvents.class)
@ExtendWith(OutputCaptureExtension.class)
abstract class LdapTlsContract {

  static final TlsDirectory DIRECTORY = start();

  private static TlsDirectory start() {
    TlsDirectory directory = new TlsDirectory();
    Runtime.getRuntime().addShutdownHook(new Thread(directory::stop));
    return directory;
  }

  static void common(DynamicPropertyRegistry registry) {
    registry.add("strongroom.sso.ldap.trusted-certificates", DIRECTORY.trustedCa::toString);
    registry.add("strongroom.sso.ldap.user-dn-pattern", () -> "uid={0},ou=people");
    registry.add("strongroom.sso.ldap.group-search-base", () -> "ou=groups");
    registry.add("strongroom.sso.ldap.superuser-group", () -> "strongroom-admins");
  }

  /** How the log names the directory. */
  abstract String address();

  @Autowired ApiClient api;
  @Autowired Accounts accounts;
  @Autowired RecordedAuditEvents audit;

  @AfterEach
  void presentTheTrustedCertificateAgain() {
    DIRECTORY.present(TlsDirectory.Identity.TRUSTED);
  }

  @Test
  void aDirectoryUserSignsInOverTlsAndNoPasswordCrossesInClear() {
    SessionClient browser = new SessionClient(api);
    HttpResponse<String> response = LdapLoginIntegrationTests.login(browser, "grace", "compiler a-0 1952");
    assertThat(response.statusCode()).isEqualTo(302);
    assertThat(response.headers().firstValue("Location").orElseThrow()).isEqualTo(api.baseUrl() + "/");
    // Her group, read over the same encrypted connections, makes her a superuser.
    assertThat(accounts.findByEmail("grace@directory.example").orElseThrow().superuser()).isTrue();
    assertThat(DIRECTORY.seenInClear("compiler a-0 1952")).isFalse();
  }

  @Test
  void aCertificateOfAnotherCaIsRefusedWithOneLogLine(CapturedOutput output) {
    DIRECTORY.present(TlsDirectory.Identity.OTHER_CA);
    assertRefused(output, "ada", "analytical engine 1843", "unable to find valid certification path");
  }

  @Test
  void aCertificateOfTheRightCaForAnotherHostIsRefused(CapturedOutput output) {
    DIRECTORY.present(TlsDirectory.Identity.OTHER_HOST);
    assertRefused(output, "alan", "universal machine 1936", "localhost");
  }

  private long signIns() {
    return audit.all().stream().filter(e -> e.action().equals("login.success")).count();
  }

  private void assertRefused(CapturedOutput output, String name, String password, String reason) {
    int logged = output.getAll().length();
    // The controller's own log lines, read from its logger: a command line run in this JVM earlier
    // (its contexts set logging.threshold.console=OFF) may have silenced the shared console appender.
    ch.qos.logback.classic.Logger logger =
        (ch.qos.logback.classic.Logger) org.slf4j.LoggerFactory.getLogger(LdapLoginController.class);
    ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> controllerLog =
        new ch.qos.logback.core.read.ListAppender<>();
    controllerLog.start();
    logger.addAppender(controllerLog);
    try {
      assertRefusedLogging(output, logged, controllerLog, name, password, reason);
    } finally {
      logger.detachAppender(controllerLog);
    }
  }

  private void assertRefusedLogging(CapturedOutput output, int logged,
      ch.qos.logback.core.read.ListAppender<ch.qos.logback.classic.spi.ILoggingEvent> controllerLog, String name,
      String password, String reason) {
    long signInsBefore = signIns();
    SessionClient browser = new SessionClient(api);
    HttpResponse<String> refused = LdapLoginIntegrationTests.login(browser, name, password);

    // Fails closed: nobody signed in, no account made, the page tells nothing of the reason.
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.headers().firstValue("Retry-After")).isPresent();
    assertThat(refused.body()).doesNotContain("certif").doesNotContain("PKIX").doesNotContain(password)
        .doesNotContain("localhost:" + DIRECTORY.ldapsPort()).doesNotContain("localhost:" + DIRECTORY.startTlsPort());
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(401);
    assertThat(accounts.findByEmail(name + "@directory.example")).isEmpty();
    assertThat(signIns()).isEqualTo(signInsBefore);

    List<String> lines = output.getAll().substring(logged).lines().filter(line -> !line.isBlank()).toList();
    assertThat(controllerLog.list).allMatch(event -> event.getThrowableProxy() == null);
    assertThat(controllerLog.list.stream().map(ch.qos.logback.classic.spi.ILoggingEvent::getFormattedMessage))
        .filteredOn(line -> line.contains("LDAP directory")).singleElement().satisfies(line -> {
      assertThat(line).contains("LDAP directory " + address() + " refused: its TLS certificate is not trusted (")
          .contains(reason).contains("strongroom.sso.ldap.trusted-certificates");
    });
    assertThat(lines).noneMatch(line -> line.startsWith("\tat ") || line.contains("Exception:"))
        .noneMatch(line -> line.contains(password));
    assertThat(DIRECTORY.seenInClear(password)).isFalse();
  }
}
