package org.strongroom.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.CopyOnWriteArrayList;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.concurrent.atomic.AtomicInteger;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.support.GenericApplicationContext;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.StrongroomApplication;
import org.strongroom.accounts.Accounts;
import org.strongroom.core.Scope;
import org.strongroom.support.ApiClient;
import org.strongroom.support.Eventually;
import org.strongroom.support.PageSession;
import org.strongroom.support.TestInstance;
import org.strongroom.support.TestInstanceExtension;
import org.strongroom.support.TestUsers;
import org.strongroom.tokens.OperatorTokens;

/**
 * A rolling secret-key rotation under continuous load, as docs/operations/key-rotation.md describes it for several
 * instances sharing one database: server A (key A) runs; server B (key B, fallback A) joins;
 * A leaves; B migrates the sealed secrets; server C (key B, no fallback) joins; B leaves.
 * Throughout, three workers run and none of their requests may fail:
 * <ul>
 *   <li>a script with a Bearer token (GET of a restricted record, POST of new records);</li>
 *   <li>a browser that logs in with its password on whichever server it reaches and makes
 *       session + CSRF-protected API writes there (sessions are per server here; shared
 *       sessions come with Redis, which this test does not cover);</li>
 *   <li>a reader of sealed secrets (the stand-in for TOTP seeds) through the SecretBox of each
 *       live server.</li>
 * </ul>
 */
@ExtendWith(TestInstanceExtension.class)
class KeyRotationIntegrationTests {

  private static final SealedColumn SEEDS = new SealedColumn("rotation_seeds", "id", "seed", "totp");
  private static final int SEED_COUNT = 20;

  private final String database = "jdbc:h2:mem:rotation-" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1";
  private final List<ConfigurableApplicationContext> started = new ArrayList<>();
  private final List<ConfigurableApplicationContext> live = new CopyOnWriteArrayList<>();
  private final Map<ConfigurableApplicationContext, ApiClient> clients = new ConcurrentHashMap<>();
  private final List<String> failures = new CopyOnWriteArrayList<>();
  private final AtomicInteger tokenRequests = new AtomicInteger();
  private final AtomicInteger sessionRequests = new AtomicInteger();
  private final AtomicInteger secretReads = new AtomicInteger();
  private final AtomicBoolean running = new AtomicBoolean(true);

  private ConfigurableApplicationContext start(String key, String... fallbacks) {
    ConfigurableApplicationContext context = new SpringApplicationBuilder(StrongroomApplication.class)
        .web(WebApplicationType.SERVLET)
        .initializers(c -> ((GenericApplicationContext) c).registerBean("rotationSeeds", SealedColumn.class, () -> SEEDS))
        .run("--server.port=0", "--strongroom.instance=" + TestInstance.FOLDER,
            "--strongroom.database.url=" + database, "--strongroom.secret-key=" + key,
            "--strongroom.secret-key-fallbacks=" + String.join(",", fallbacks),
            "--logging.threshold.console=WARN",
            // This test is about keys, not rate limits: the load must not be throttled.
            "--strongroom.rate-limits.authenticated=1000000/1m", "--strongroom.rate-limits.anonymous=1000000/1m");
    started.add(context);
    clients.put(context, new ApiClient(context.getEnvironment()));
    return context;
  }

  /** Takes a server out of the rotation, lets its requests finish, then stops it. */
  private void drain(ConfigurableApplicationContext context) throws InterruptedException {
    live.remove(context);
    // A step that had picked it is finished (or has failed) once every worker has moved on.
    awaitProgress(1);
    context.close();
  }

  @AfterEach
  void stopAll() {
    running.set(false);
    started.forEach(ConfigurableApplicationContext::close);
  }

  /** Waits until every worker has completed {@code steps} more steps (or one of them failed). */
  private void awaitProgress(int steps) {
    int tokens = tokenRequests.get() + steps;
    int sessions = sessionRequests.get() + steps;
    int secrets = secretReads.get() + steps;
    Eventually.until(Duration.ofSeconds(60), "every worker to make " + steps + " more requests",
        () -> !failures.isEmpty() || tokenRequests.get() >= tokens && sessionRequests.get() >= sessions
            && secretReads.get() >= secrets);
  }

  private ConfigurableApplicationContext pick(int i) {
    List<ConfigurableApplicationContext> now = List.copyOf(live);
    return now.get(Math.floorMod(i, now.size()));
  }

  private Thread worker(String name, AtomicInteger count, Step step) {
    Thread thread = new Thread(() -> {
      for (int i = 0; running.get() && i < 2_000; i++) {
        try {
          step.run(i);
          count.incrementAndGet();
          // Paces the load (a steady stream of requests through the rotation), not a wait for
          // a condition: progress is awaited with Eventually in awaitProgress.
          Thread.sleep(120);
        } catch (Exception | AssertionError e) {
          failures.add(name + ": " + e);
        }
      }
    }, name);
    thread.start();
    return thread;
  }

  interface Step {
    void run(int i) throws Exception;
  }

  /** Requests each worker makes in each phase: enough to reach every live server several times. */
  static final int PHASE_STEPS = 8;

  @Test
  void aRollingRotationFailsNoRequest() throws Exception {
    String keyA = SecretKeys.generate();
    String keyB = SecretKeys.generate();
    ConfigurableApplicationContext a = start(keyA);
    live.add(a);

    String email = "rotation-" + UUID.randomUUID().toString().substring(0, 8) + "@example.org";
    a.getBean(Accounts.class).create(email, TestUsers.PASSWORD, false);
    String token = a.getBean(OperatorTokens.class).create(email, "rotation", Scope.defaults(), Duration.ofDays(1), List.of()).token();
    HttpResponse<String> record = clients.get(a).post("/api/records/",
        "{\"metadata\": {\"title\": \"Rotation\"}, \"access\": {\"record\": \"restricted\"}}", bearer(token));
    String recordId = json(record).path("id").asString();
    JdbcClient jdbc = a.getBean(JdbcClient.class);
    jdbc.sql("create table rotation_seeds (id integer primary key, seed varchar(500))").update();
    for (int i = 0; i < SEED_COUNT; i++) {
      jdbc.sql("insert into rotation_seeds (id, seed) values (:id, :seed)").param("id", i)
          .param("seed", a.getBean(SecretBox.class).seal("totp", ("seed-" + i).getBytes(StandardCharsets.UTF_8))).update();
    }

    Map<ConfigurableApplicationContext, PageSession> sessions = new ConcurrentHashMap<>();
    List<Thread> workers = List.of(
        worker("token", tokenRequests, i -> {
          ApiClient api = clients.get(pick(i));
          HttpResponse<String> read = api.get("/api/records/" + recordId, bearer(token));
          assertThat(read.statusCode()).as(read.body()).isEqualTo(200);
          if (i % 5 == 0) {
            HttpResponse<String> write = api.post("/api/records/",
                "{\"metadata\": {\"title\": \"T" + i + "\"}, \"access\": {\"record\": \"public\"}}", bearer(token));
            assertThat(write.statusCode()).as(write.body()).isEqualTo(201);
          }
        }),
        worker("session", sessionRequests, i -> {
          ConfigurableApplicationContext server = pick(i);
          PageSession browser = sessions.computeIfAbsent(server,
              s -> PageSession.loggedIn(clients.get(s), email, TestUsers.PASSWORD));
          HttpResponse<String> write = browser.postJson("/api/records/",
              "{\"metadata\": {\"title\": \"S" + i + "\"}, \"access\": {\"record\": \"public\"}}");
          assertThat(write.statusCode()).as(write.body()).isEqualTo(201);
        }),
        worker("secrets", secretReads, i -> {
          ConfigurableApplicationContext server = pick(i);
          SecretBox box = server.getBean(SecretBox.class);
          JdbcClient db = server.getBean(JdbcClient.class);
          db.sql("select id, seed from rotation_seeds").query((rs, n) -> {
            assertThat(new String(box.open("totp", rs.getString(2)), StandardCharsets.UTF_8)).isEqualTo("seed-" + rs.getInt(1));
            return null;
          }).list();
        }));

    awaitProgress(PHASE_STEPS);
    ConfigurableApplicationContext b = start(keyB, keyA);   // 1. new key, old one as fallback
    live.add(b);
    awaitProgress(PHASE_STEPS);
    drain(a);                                              // 2. every server now has the new key
    SecretKeyMigration.Result migrated = b.getBean(SecretKeyMigration.class).migrate(keyA);  // 3. migrate
    assertThat(migrated.reencrypted()).isEqualTo(SEED_COUNT);
    awaitProgress(PHASE_STEPS);
    ConfigurableApplicationContext c = start(keyB);        // 4. fallback removed
    live.add(c);
    awaitProgress(PHASE_STEPS);
    drain(b);
    awaitProgress(PHASE_STEPS);
    running.set(false);
    for (Thread worker : workers) {
      worker.join(30_000);
    }

    assertThat(failures).isEmpty();
    assertThat(tokenRequests.get()).isGreaterThan(30);
    assertThat(sessionRequests.get()).isGreaterThan(30);
    assertThat(secretReads.get()).isGreaterThan(30);
    assertThat(sessions).hasSizeGreaterThanOrEqualTo(2);
    assertThat(c.getBean(SecretKeyMigration.class).migrate(keyA).alreadyCurrent()).isEqualTo(SEED_COUNT);
  }
}
