package org.strongroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.TestInstance;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.strongroom.StrongroomApplication;
import org.strongroom.accounts.Accounts;
import org.strongroom.support.ApiClient;
import org.strongroom.support.Eventually;
import org.strongroom.support.RequiresRedis;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TcpForwarder;
import org.strongroom.support.TestUsers;
import org.strongroom.tokens.OperatorTokens;

/**
 * Redis goes away under continuous load and comes back: signed-in page views, API calls with
 * tokens and sign-ins run all along in their own threads. Redis is shared by other tests on this
 * machine, so the outage is played by cutting a TCP forwarder in front of it; its data stays, as
 * after a restart of a Redis that persists (AOF or RDB). Then the keys of this deployment are
 * deleted during a second outage, as a restart of a Redis that does not persist would lose them.
 *
 * <p>While Redis is away: page views of a session get 503 with Retry-After, sign-ins are refused
 * with 503 (refusing is safer than forgetting failures), API calls with a token are served
 * ({@code fail-open}) or get 503 ({@code fail-closed}) as {@code strongroom.rate-limits.redis-failure}
 * says. Once it is back everything works again without a restart, the sessions made before
 * included. No response is ever a 500 or shows a stack trace. A variant per rate-limit setting.
 */
@RequiresRedis
@TestInstance(TestInstance.Lifecycle.PER_CLASS)
abstract class RedisRestartUnderLoadContract {

  static final Duration PATIENCE = Duration.ofSeconds(90);
  /**
   * Responses to requests sent this long after the cut count as "during the outage": a rate
   * limit lease taken just before it may still serve a request (at most 100 ms), and a request
   * already on its way may have been decided before.
   */
  static final long GRACE_NANOS = Duration.ofMillis(500).toNanos();
  static final int PAGE_VIEWERS = 2;
  static final int API_CALLERS = 2;
  static final int SIGN_INS = 1;
  static final int LATE_FORM = 1;

  enum Kind { PAGE, API, SIGN_IN }

  record Outcome(Kind kind, int worker, String request, long sent, long received, int status, String body,
      String retryAfter, String location, boolean rateLimitHeaders) {

    boolean success() {
      return switch (kind) {
        case PAGE, API -> status == 200;
        case SIGN_IN -> status == 302 && location != null && !location.contains("error") && !location.contains("/login");
      };
    }

    @Override
    public String toString() {
      return kind + "#" + worker + " " + request + ": " + status + (location == null ? "" : " -> " + location) + " "
          + body.substring(0, Math.min(200, body.length())).replaceAll("\\s+", " ");
    }
  }

  final String namespace = "test-restart-" + UUID.randomUUID().toString().substring(0, 8);
  final List<Outcome> outcomes = Collections.synchronizedList(new ArrayList<>());
  TcpForwarder forwarder;
  ConfigurableApplicationContext server;
  ApiClient api;
  TestUsers users;
  LettuceConnectionFactory direct;

  /** {@code fail-open} or {@code fail-closed}. */
  abstract String redisFailure();

  @BeforeAll
  void start() throws Exception {
    org.strongroom.support.TestInstance.ensure();
    forwarder = new TcpForwarder(RequiresRedis.HOST, RequiresRedis.PORT);
    server = new SpringApplicationBuilder(StrongroomApplication.class).web(WebApplicationType.SERVLET)
        .run("--strongroom.instance=" + org.strongroom.support.TestInstance.FOLDER,
            "--strongroom.database.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "--server.port=0", "--logging.file.name=",
            "--strongroom.redis.url=redis://127.0.0.1:" + forwarder.port(),
            "--strongroom.redis.namespace=" + namespace,
            "--strongroom.rate-limits.redis-failure=" + redisFailure(),
            // Limits far above the load: what is tested is what happens without Redis, not the limits.
            "--strongroom.rate-limits.authenticated=1000000/1m",
            "--strongroom.rate-limits.anonymous=1000000/1m",
            "--strongroom.rate-limits.login=1000000/1m");
    api = new ApiClient(server.getEnvironment());
    users = new TestUsers(server.getBean(Accounts.class), server.getBean(OperatorTokens.class));
    direct = new LettuceConnectionFactory(RequiresRedis.HOST, RequiresRedis.PORT);
    direct.afterPropertiesSet();
    direct.start();
  }

  @AfterAll
  void stop() throws Exception {
    if (server != null) {
      assertTimeoutPreemptively(Duration.ofSeconds(60), () -> server.close(), "closing the server hung");
    }
    if (forwarder != null) {
      forwarder.close();
    }
    if (direct != null) {
      new StringRedisTemplate(direct).delete(new StringRedisTemplate(direct).keys(namespace + ":*"));
      direct.destroy();
    }
  }

  @Test
  void redisGoesAwayUnderLoadAndComesBackWithNothingBroken() throws Exception {
    List<TestUsers.User> viewers = new ArrayList<>();
    List<SessionClient> browsers = new ArrayList<>();
    for (int i = 0; i < PAGE_VIEWERS; i++) {
      TestUsers.User user = users.user();
      SessionClient browser = new SessionClient(api);
      assertThat(browser.login(user.email(), TestUsers.PASSWORD).statusCode()).isEqualTo(302);
      viewers.add(user);
      browsers.add(browser);
    }
    List<TestUsers.User> callers = new ArrayList<>();
    for (int i = 0; i < API_CALLERS; i++) {
      callers.add(users.user());
    }
    TestUsers.User signingIn = users.user();

    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService load = Executors.newFixedThreadPool(PAGE_VIEWERS + API_CALLERS + SIGN_INS);
    List<Future<?>> workers = new ArrayList<>();
    for (int i = 0; i < PAGE_VIEWERS; i++) {
      SessionClient browser = browsers.get(i);
      int worker = i;
      workers.add(load.submit(() -> loop(running, () -> record(Kind.PAGE, worker, "GET /account/security", () -> browser.get("/account/security")))));
    }
    for (int i = 0; i < API_CALLERS; i++) {
      String token = callers.get(i).token();
      int worker = i;
      workers.add(load.submit(() -> loop(running,
          () -> record(Kind.API, worker, "GET /api/me", () -> api.get("/api/me", ApiClient.bearer(token))))));
    }
    workers.add(load.submit(() -> loop(running, () -> signIn(signingIn))));

    // Each cut is timed on both sides: a request in flight while the forwarder closes may fail.
    long beforeCut;
    long cutAt;
    long restoredAt;
    long beforeSecondCut;
    long secondCutAt;
    long secondRestoredAt;
    try {
      awaitEach(0, Outcome::success, "every worker served before the outage");

      // Redis restarted with its data kept (persistence on).
      SessionClient lateForm = fetchForm();
      beforeCut = System.nanoTime();
      forwarder.cut();
      cutAt = System.nanoTime();
      awaitEach(cutAt + GRACE_NANOS, o -> true, "every worker answered during the outage");
      postFormFetchedBefore(lateForm, signingIn);
      restoredAt = System.nanoTime();
      forwarder.restore();
      awaitLatestSuccess(restoredAt, "every worker served again once Redis was back");

      // Redis restarted without its data (persistence off): the deployment's keys are gone.
      SessionClient secondLateForm = fetchForm();
      beforeSecondCut = System.nanoTime();
      forwarder.cut();
      secondCutAt = System.nanoTime();
      new StringRedisTemplate(direct).delete(new StringRedisTemplate(direct).keys(namespace + ":*"));
      awaitEach(secondCutAt + GRACE_NANOS, o -> true, "every worker answered during the second outage");
      postFormFetchedBefore(secondLateForm, signingIn);
      secondRestoredAt = System.nanoTime();
      forwarder.restore();
      awaitEachAfter(secondRestoredAt, Kind.API, Outcome::success, "API calls served after the data was lost");
      awaitEachAfter(secondRestoredAt, Kind.SIGN_IN, Outcome::success, "sign-ins after the data was lost");
      awaitEachAfter(secondRestoredAt, Kind.PAGE, o -> o.status() != 503, "page views after the data was lost");
    } finally {
      running.set(false);
      load.shutdown();
      for (Future<?> worker : workers) {
        worker.get();
      }
    }

    List<Outcome> all = List.copyOf(outcomes);
    for (Outcome outcome : all) {
      assertThat(outcome.status()).as("never a server error but 503: %s", outcome).isIn(200, 302, 303, 503);
      if (!outcome.success()) {
        assertThat(outcome.body()).as("no stack trace or address: %s", outcome)
            .doesNotContain("Exception").doesNotContain("\tat ").doesNotContain("Redis").doesNotContain("127.0.0.1")
            .doesNotContain("Lettuce");
      }
      if (outcome.status() == 503) {
        assertThat(outcome.retryAfter()).as("Retry-After: %s", outcome).isNotNull();
      }
    }
    List<Outcome> before = all.stream().filter(o -> o.received() < beforeCut).toList();
    assertThat(before).as("before the outage").allMatch(Outcome::success);

    List<Outcome> during = all.stream().filter(o -> o.sent() > cutAt + GRACE_NANOS && o.received() < restoredAt).toList();
    assertThat(of(during, Kind.PAGE)).as("page views during the outage").isNotEmpty().allMatch(o -> o.status() == 503);
    assertThat(of(during, Kind.SIGN_IN)).as("sign-ins during the outage").isNotEmpty().allMatch(o -> o.status() == 503)
        .anyMatch(o -> o.worker() == LATE_FORM);
    if (redisFailure().equals("fail-open")) {
      assertThat(of(during, Kind.API)).as("API calls during the outage (fail-open)").isNotEmpty()
          .allMatch(o -> o.status() == 200);
    } else {
      assertThat(of(during, Kind.API)).as("API calls during the outage (fail-closed)").isNotEmpty()
          .allMatch(o -> o.status() == 503);
    }

    // Redis kept its data: the sessions made before the outage are still signed in.
    List<Outcome> back = all.stream().filter(o -> o.sent() > restoredAt && o.received() < beforeSecondCut).toList();
    assertThat(of(back, Kind.PAGE)).as("page views of the old sessions once Redis is back").isNotEmpty()
        .last().matches(Outcome::success);
    assertThat(of(back, Kind.API).stream().filter(Outcome::success)).as("API calls once Redis is back")
        .anyMatch(Outcome::rateLimitHeaders);

    // Redis lost its data: the old sessions are unknown, so their page views go to the sign-in
    // page (never a 500); API calls with tokens and new sign-ins work.
    List<Outcome> duringSecond = all.stream()
        .filter(o -> o.sent() > secondCutAt + GRACE_NANOS && o.received() < secondRestoredAt).toList();
    assertThat(of(duringSecond, Kind.PAGE)).as("page views during the second outage").isNotEmpty()
        .allMatch(o -> o.status() == 503);
    assertThat(of(duringSecond, Kind.SIGN_IN)).as("sign-ins during the second outage").isNotEmpty()
        .allMatch(o -> o.status() == 503).anyMatch(o -> o.worker() == LATE_FORM);
    List<Outcome> afterLoss = all.stream().filter(o -> o.sent() > secondRestoredAt).toList();
    assertThat(of(afterLoss, Kind.PAGE)).as("page views of the lost sessions").isNotEmpty().last()
        .matches(o -> o.status() == 302 && o.location().contains("/login"), "redirected to the sign-in page");
  }

  private static List<Outcome> of(List<Outcome> outcomes, Kind kind) {
    return outcomes.stream().filter(o -> o.kind() == kind).toList();
  }

  private interface Request {
    HttpResponse<String> send();
  }

  private void loop(AtomicBoolean running, Runnable request) {
    while (running.get()) {
      request.run();
    }
  }

  private Outcome record(Kind kind, int worker, String what, Request request) {
    long sent = System.nanoTime();
    Outcome outcome = outcome(kind, worker, what, sent, request.send());
    outcomes.add(outcome);
    return outcome;
  }

  private static Outcome outcome(Kind kind, int worker, String what, long sent, HttpResponse<String> response) {
    return new Outcome(kind, worker, what, sent, System.nanoTime(), response.statusCode(), response.body(),
        response.headers().firstValue("Retry-After").orElse(null),
        response.headers().firstValue("Location").orElse(null),
        response.headers().firstValue("X-RateLimit-Remaining").isPresent());
  }

  /** A browser signing in: the form, then the post; a form that cannot be had is a refused sign-in. */
  private void signIn(TestUsers.User user) {
    SessionClient browser = new SessionClient(api);
    long sent = System.nanoTime();
    HttpResponse<String> form = browser.get("/login");
    if (form.statusCode() != 200 || browser.csrfToken() == null) {
      outcomes.add(outcome(Kind.SIGN_IN, 0, "GET /login", sent, form));
      return;
    }
    record(Kind.SIGN_IN, 0, "POST /login", () -> browser.submit("/login", Map.of("username", user.email(),
        "password", TestUsers.PASSWORD)));
  }

  /**
   * A sign-in form fetched before an outage and posted during it (the load's sign-ins cannot
   * fetch a form while Redis is away), recorded as worker {@link #LATE_FORM}.
   */
  private void postFormFetchedBefore(SessionClient browser, TestUsers.User user) {
    record(Kind.SIGN_IN, LATE_FORM, "POST /login (form fetched before the outage)",
        () -> browser.submit("/login", Map.of("username", user.email(), "password", TestUsers.PASSWORD)));
  }

  private SessionClient fetchForm() {
    SessionClient browser = new SessionClient(api);
    assertThat(browser.get("/login").statusCode()).isEqualTo(200);
    return browser;
  }

  /** Waits until every worker has an outcome sent after {@code since} that matches. */
  private void awaitEach(long since, Predicate<Outcome> condition, String what) {
    for (Kind kind : Kind.values()) {
      awaitEachAfter(since, kind, condition, what);
    }
  }

  private void awaitEachAfter(long since, Kind kind, Predicate<Outcome> condition, String what) {
    int count = switch (kind) {
      case PAGE -> PAGE_VIEWERS;
      case API -> API_CALLERS;
      case SIGN_IN -> SIGN_INS;
    };
    Eventually.until(PATIENCE, what + " (" + kind + ")", () -> {
      synchronized (outcomes) {
        return outcomes.stream().filter(o -> o.kind() == kind && o.sent() > since && condition.test(o))
            .map(Outcome::worker).distinct().filter(worker -> worker < count).count() == count;
      }
    });
  }

  /** Waits until the newest outcome of every worker, sent after {@code since}, is a success. */
  private void awaitLatestSuccess(long since, String what) {
    Eventually.until(PATIENCE, what, () -> {
      synchronized (outcomes) {
        for (Kind kind : Kind.values()) {
          int count = kind == Kind.PAGE ? PAGE_VIEWERS : kind == Kind.API ? API_CALLERS : SIGN_INS;
          for (int worker = 0; worker < count; worker++) {
            int w = worker;
            Outcome newest = outcomes.stream().filter(o -> o.kind() == kind && o.worker() == w && o.sent() > since)
                .reduce((a, b) -> b).orElse(null);
            if (newest == null || !newest.success()) {
              return false;
            }
          }
        }
        return true;
      }
    });
  }
}
