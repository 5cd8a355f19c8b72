package org.strongroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.stream.Stream;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.MutableClock;
import org.strongroom.support.RecordedAuditEvents;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestInstance;
import org.strongroom.support.TestUsers;

/**
 * After logins (good and bad), a password change and a TOTP enrolment, neither the passwords
 * nor the TOTP seed nor a recovery code appear in the server's log files, in any audit event,
 * or anywhere in the database.
 */
@IntegrationTest
@org.springframework.test.context.TestPropertySource(properties = {
    "logging.level.org.springframework.security=DEBUG", "logging.level.org.strongroom=DEBUG"})
@Import({MutableClock.Configuration.class, RecordedAuditEvents.class})
class SecretsNotLeakedIntegrationTests {

  static final String OLD = "Marker-Password-Old-9f3k2";
  static final String NEW = "Marker-Password-New-7h2q1";
  static final String WRONG = "Marker-Password-Wrong-4x8z0";

  @Autowired ApiClient api;
  @Autowired Accounts accounts;
  @Autowired JdbcClient jdbc;
  @Autowired MutableClock clock;
  @Autowired RecordedAuditEvents audit;

  @Test
  void passwordsSeedsAndRecoveryCodesAreNeverStoredOrLoggedInClear() throws Exception {
    clock.advance(java.time.Duration.ofDays(2));
    String email = "leak-" + System.nanoTime() + "@example.org";
    accounts.create(email, OLD, false);
    new SessionClient(api).login(email, WRONG);
    new SessionClient(api).login(WRONG, OLD);
    SessionClient browser = new SessionClient(api);
    browser.login(email, OLD);
    browser.submit("/account/security/password", Map.of("current_password", OLD, "new_password", NEW,
        "confirm_password", NEW));
    browser.submit("/account/security/totp/start", Map.of());
    Matcher seed = TwoFactorContract.SEED.matcher(browser.get("/account/security").body());
    assertThat(seed.find()).isTrue();
    String code = new DefaultCodeGenerator().generate(seed.group(1), clock.instant().getEpochSecond() / 30);
    String codesPage = browser.submit("/account/security/totp/confirm", Map.of("code", code)).body();
    List<String> recovery = TwoFactorContract.RECOVERY.matcher(codesPage).results().map(r -> r.group()).toList();
    assertThat(recovery).hasSize(10);

    List<String> secrets = new java.util.ArrayList<>(List.of(OLD, NEW, WRONG, seed.group(1)));
    secrets.addAll(recovery);

    String database = String.join("\n", jdbc.sql("script").query(String.class).list());
    String logs = readLogs();
    String events = audit.all().toString();
    assertThat(database).contains(email);
    assertThat(logs).contains("Authentication failed with provider PasswordLoginProvider");
    for (String secret : secrets) {
      assertThat(database).doesNotContain(secret).doesNotContain(secret.replace("-", ""));
      assertThat(logs).doesNotContain(secret);
      assertThat(events).doesNotContain(secret);
    }
  }

  private static String readLogs() throws IOException {
    Path folder = TestInstance.LAYOUT.logs();
    if (!Files.isDirectory(folder)) {
      return "";
    }
    StringBuilder all = new StringBuilder();
    try (Stream<Path> files = Files.walk(folder)) {
      for (Path file : files.filter(Files::isRegularFile).toList()) {
        all.append(new String(Files.readAllBytes(file), StandardCharsets.UTF_8));
      }
    }
    return all.toString();
  }
}
