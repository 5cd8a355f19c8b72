package org.strongroom.secrets;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.StrongroomApplication;
import org.strongroom.accounts.Accounts;
import org.strongroom.support.ApiClient;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestInstance;
import org.strongroom.support.TestInstanceExtension;
import org.strongroom.support.TestUsers;

/**
 * The migration story through a real two-factor login: a user enrols TOTP under key A;
 * the server is restarted with key B and no fallback, and the user cannot complete the login
 * (the seed cannot be opened — a refusal, never a 500); {@code migrate-secret-key} with A as the
 * old key re-encrypts the seed, and the same login succeeds under B alone.
 */
@ExtendWith(TestInstanceExtension.class)
class TotpKeyMigrationIntegrationTests {

  static final Pattern SEED = Pattern.compile("<code class=\"seed\">([A-Z2-7]+)</code>");

  final String database = "jdbc:h2:mem:totp-migration-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  final List<ConfigurableApplicationContext> started = new ArrayList<>();

  ConfigurableApplicationContext start(String key) {
    ConfigurableApplicationContext context = new SpringApplicationBuilder(StrongroomApplication.class)
        .web(WebApplicationType.SERVLET)
        .run("--server.port=0", "--strongroom.instance=" + TestInstance.FOLDER,
            "--strongroom.database.url=" + database, "--strongroom.secret-key=" + key,
            "--logging.threshold.console=WARN");
    started.add(context);
    return context;
  }

  @AfterEach
  void stopAll() {
    started.forEach(ConfigurableApplicationContext::close);
  }

  static String code(String seed, int stepOffset) {
    try {
      long step = Math.floorDiv(System.currentTimeMillis() / 1000, 30) + stepOffset;
      return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(seed, step);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  @Test
  void totpUsersNeedTheMigrationAfterAKeyChange() {
    String keyA = SecretKeys.generate();
    String keyB = SecretKeys.generate();
    String email = "totp" + System.nanoTime() + "@example.org";

    ConfigurableApplicationContext serverA = start(keyA);
    serverA.getBean(Accounts.class).create(email, TestUsers.PASSWORD, false);
    SessionClient enrolment = new SessionClient(new ApiClient(serverA.getEnvironment()));
    enrolment.login(email, TestUsers.PASSWORD);
    assertThat(enrolment.submit("/account/security/totp/start", Map.of()).statusCode()).isEqualTo(302);
    Matcher matcher = SEED.matcher(enrolment.get("/account/security").body());
    assertThat(matcher.find()).isTrue();
    String seed = matcher.group(1);
    assertThat(enrolment.submit("/account/security/totp/confirm", Map.of("code", code(seed, -1))).statusCode())
        .isEqualTo(200);
    serverA.close();

    // Key B alone: the sealed seed cannot be opened, so the second step cannot succeed.
    ConfigurableApplicationContext serverB = start(keyB);
    ApiClient apiB = new ApiClient(serverB.getEnvironment());
    SessionClient before = new SessionClient(apiB);
    assertThat(before.login(email, TestUsers.PASSWORD).headers().firstValue("Location").orElseThrow())
        .endsWith("/login/mfa");
    HttpResponse<String> refused = before.submit("/login/mfa", Map.of("code", code(seed, 0)));
    assertThat(refused.statusCode()).isBetween(400, 499);
    assertThat(before.get("/api/me").statusCode()).isEqualTo(401);

    // Migrate from A to B (what 'strongroom instance migrate-secret-key --old-key A' runs).
    SecretKeyMigration.Result result = serverB.getBean(SecretKeyMigration.class).migrate(keyA);
    assertThat(result.reencrypted()).isGreaterThanOrEqualTo(1);

    SessionClient after = new SessionClient(apiB);
    after.login(email, TestUsers.PASSWORD);
    assertThat(after.submit("/login/mfa", Map.of("code", code(seed, 0))).statusCode()).isEqualTo(302);
    assertThat(ApiClient.json(after.get("/api/me")).path("email").asString()).isEqualTo(email);
  }
}
