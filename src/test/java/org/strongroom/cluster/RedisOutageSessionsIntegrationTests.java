package org.strongroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Map;
import java.util.UUID;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.StrongroomApplication;
import org.strongroom.accounts.Accounts;
import org.strongroom.support.ApiClient;
import org.strongroom.support.Eventually;
import org.strongroom.support.RequiresRedis;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TcpForwarder;
import org.strongroom.support.TestInstance;
import org.strongroom.support.TestUsers;
import org.strongroom.tokens.OperatorTokens;

/**
 * A server whose Redis does not answer when it starts, and goes away again later: it starts
 * anyway; requests that need a session get 503 JSON with Retry-After (never a 500), token and
 * anonymous API calls go on (rate limits fail open by default); once Redis is back, sessions
 * and sign-in work again without a restart, and a sign-in during the next outage is refused;
 * the server then closes while Redis is still away. Each outage is one line in the log, however
 * many requests it fails, and Redis coming back is one more: no stack traces (the template
 * engine's, for a login page whose new session could not be saved, once filled the log).
 */
@RequiresRedis
@ExtendWith(OutputCaptureExtension.class)
class RedisOutageSessionsIntegrationTests {

  static TcpForwarder forwarder;
  static ConfigurableApplicationContext server;
  static ApiClient api;
  static TestUsers users;

  @BeforeAll
  static void startWithRedisAway() throws Exception {
    TestInstance.ensure();
    forwarder = new TcpForwarder(RequiresRedis.HOST, RequiresRedis.PORT);
    forwarder.cut();
    // A command line run earlier in this JVM leaves the console threshold at OFF (its contexts
    // set logging.threshold.console=OFF, which Spring Boot keeps as a system property); this
    // test reads the console.
    System.clearProperty("CONSOLE_LOG_THRESHOLD");
    server = new SpringApplicationBuilder(StrongroomApplication.class).web(WebApplicationType.SERVLET)
        .run("--strongroom.instance=" + TestInstance.FOLDER,
            "--strongroom.database.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "--server.port=0", "--logging.file.name=", "--logging.threshold.console=TRACE",
            "--strongroom.redis.url=redis://127.0.0.1:" + forwarder.port(),
            "--strongroom.redis.namespace=test-outage-" + UUID.randomUUID().toString().substring(0, 8));
    api = new ApiClient(server.getEnvironment());
    users = new TestUsers(server.getBean(Accounts.class), server.getBean(OperatorTokens.class));
  }

  /** Closing the server while Redis is away ends (it once waited for good, see RedisSubscription). */
  @AfterAll
  static void stop() throws Exception {
    if (server != null) {
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> server.close(), "closing the server hung");
    }
    if (forwarder != null) {
      forwarder.close();
    }
  }

  @Test
  void sessionsAnswer503WhileRedisIsAwayAndWorkAgainWhenItIsBack(CapturedOutput output) throws Exception {
    TestUsers.User user = users.user();
    assertThat(api.get("/api/me", ApiClient.bearer(user.token())).statusCode()).isEqualTo(200);
    HttpResponse<String> page = new SessionClient(api).get("/login");
    assertThat(page.statusCode()).isEqualTo(503);
    assertThat(page.headers().firstValue("Retry-After")).isPresent();
    assertThat(page.body()).doesNotContain("Redis").doesNotContain("Exception").doesNotContain("127.0.0.1");
    // An API call made with a session cookie is stopped before the API: the JSON error body.
    HttpResponse<String> api503 = api.get("/api/me", "Cookie", SessionClient.SESSION_COOKIE + "=c2Vzc2lvbg");
    assertThat(api503.statusCode()).isEqualTo(503);
    assertThat(ApiClient.json(api503).get("status").asInt()).isEqualTo(503);
    for (int i = 0; i < 3; i++) {
      assertThat(new SessionClient(api).get("/login").statusCode()).isEqualTo(503);
    }

    forwarder.restore();
    SessionClient browser = new SessionClient(api);
    Eventually.until(Duration.ofSeconds(60), "the login page once Redis is back",
        () -> browser.get("/login").statusCode() == 200);
    HttpResponse<String> login = browser.submit("/login", Map.of("username", user.email(), "password", TestUsers.PASSWORD));
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);

    Eventually.until(Duration.ofSeconds(10), "the log line saying Redis is back",
        () -> output.getOut().contains("answers again"));
    int beforeSecondOutage = output.getOut().length();
    forwarder.cut();
    SessionClient during = new SessionClient(api);
    HttpResponse<String> refused = during.postForm("/login", Map.of("username", user.email(),
        "password", TestUsers.PASSWORD, "csrf_token", "none"));
    assertThat(refused.statusCode()).isEqualTo(503);
    assertThat(refused.body()).doesNotContain("Exception");
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(503);
    for (int i = 0; i < 3; i++) {
      assertThat(new SessionClient(api).get("/login").statusCode()).isEqualTo(503);
      assertThat(browser.get("/account/profile").statusCode()).isEqualTo(503);
    }

    String secondOutage = output.getOut().substring(beforeSecondOutage);
    assertThat(secondOutage.lines().filter(line -> line.contains("cannot be reached"))).hasSize(1);
    assertThat(output.getOut()).doesNotContain("\tat ").doesNotContain("THYMELEAF")
        .doesNotContain("Unexpected error occurred in scheduled task").doesNotContain("Session store unreachable");
    // Redis stays away: the server is closed while its connections are trying to reconnect.
  }
}
