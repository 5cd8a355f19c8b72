package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;
import java.util.concurrent.atomic.AtomicBoolean;
import java.util.function.Predicate;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.jdbc.core.JdbcTemplate;
import org.springframework.test.annotation.DirtiesContext;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.strongroom.support.TcpForwarder;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.PostgresSchemaReset;
import org.strongroom.support.RequiresPostgres;
import org.strongroom.support.TestUsers;
import org.strongroom.support.Eventually;

/**
 * PostgreSQL goes away under load and comes back, played by cutting a forwarder in front of
 * the machine's PostgreSQL (which other tests share): requests in flight and arriving get
 * {@code 503} JSON with {@code Retry-After}, never a 500 or a stack trace; the connection pool
 * recovers by itself; and no record is written twice.
 */
@RequiresPostgres
@IntegrationTest
@Import(PostgresSchemaReset.class)
@DirtiesContext
class PostgresOutageIntegrationTests {

  static final String SCHEMA = "outage_it";
  static final TcpForwarder FORWARDER = startForwarder();
  private static final Pattern TITLE = Pattern.compile("\"title\"\\s*:\\s*\"(outage-[0-9]+-[0-9]+)\"");

  @DynamicPropertySource
  static void database(DynamicPropertyRegistry registry) {
    registry.add("strongroom.database.url", () -> "jdbc:postgresql://127.0.0.1:" + FORWARDER.port()
        + "/test?currentSchema=" + SCHEMA);
    registry.add("strongroom.database.username", () -> "postgres");
    registry.add("spring.flyway.schemas", () -> SCHEMA);
    registry.add("spring.flyway.clean-disabled", () -> "false");
    // A request waits this long for a connection before it is refused; short, to keep the test short.
    registry.add("spring.datasource.hikari.connection-timeout", () -> "1500");
    registry.add("strongroom.rate-limits.authenticated", () -> "1000000/1m");
  }

  @AfterAll
  static void stopForwarder() throws IOException {
    FORWARDER.close();
  }

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  @Autowired
  JdbcTemplate jdbc;

  @Test
  void answers503DuringAnOutageRecoversByItselfAndWritesNoRecordTwice() throws Exception {
    TestUsers.User alice = users.user();
    String readable = json(api.post("/api/records/", "{\"metadata\": {\"title\": \"Before\"}, "
        + "\"access\": {\"record\": \"public\"}}", bearer(alice.token()))).path("id").asString();
    Map<String, Integer> created = new ConcurrentHashMap<>(); // title -> status
    List<HttpResponse<String>> failures = java.util.Collections.synchronizedList(new ArrayList<>());
    AtomicBoolean running = new AtomicBoolean(true);
    ExecutorService load = Executors.newFixedThreadPool(6);
    List<Future<?>> workers = new ArrayList<>();
    for (int t = 0; t < 6; t++) {
      int thread = t;
      workers.add(load.submit(() -> {
        for (int n = 0; running.get(); n++) {
          HttpResponse<String> response;
          if (thread % 2 == 0) {
            String title = "outage-" + thread + "-" + n;
            response = api.post("/api/records/", "{\"metadata\": {\"title\": \"" + title + "\"}, "
                + "\"access\": {\"record\": \"public\"}}", bearer(alice.token()));
            created.put(title, response.statusCode());
          } else {
            response = api.get("/api/records/" + readable, bearer(alice.token()));
          }
          if (response.statusCode() >= 300) {
            failures.add(response);
          }
        }
        return null;
      }));
    }
    try {
      awaitStatus(created, s -> s == 201, "records created before the outage");
      FORWARDER.cut();
      awaitStatus(created, s -> s == 503, "a 503 during the outage");
      Thread.sleep(1000); // more load while PostgreSQL is away (the load itself, not a wait for a condition)
      FORWARDER.restore();
      int before = created.size();
      Eventually.until(Duration.ofSeconds(30), "records created again after PostgreSQL came back",
          () -> recoveredAfter(created, before));
    } finally {
      running.set(false);
      load.shutdown();
      for (Future<?> worker : workers) {
        worker.get();
      }
    }

    assertThat(failures).as("refusals during the outage").isNotEmpty();
    for (HttpResponse<String> failure : failures) {
      assertThat(failure.statusCode()).as(failure.body()).isEqualTo(503);
      assertThat(json(failure).path("status").asInt()).isEqualTo(503);
      assertThat(failure.body()).doesNotContain("Exception").doesNotContain("SQL").doesNotContain("jdbc")
          .doesNotContain("127.0.0.1");
      assertThat(failure.headers().firstValue("Retry-After")).isPresent();
    }
    Map<String, Integer> stored = new java.util.HashMap<>();
    for (String metadata : jdbc.queryForList("select metadata from " + SCHEMA + ".records", String.class)) {
      Matcher title = TITLE.matcher(metadata);
      if (title.find()) {
        stored.merge(title.group(1), 1, Integer::sum);
      }
    }
    assertThat(stored.values()).as("no record written twice").allMatch(count -> count == 1);
    created.forEach((title, status) -> {
      if (status == 201) {
        assertThat(stored).as("an acknowledged record is stored").containsKey(title);
      }
    });
  }

  /** Every writer's newest request, made after {@code before} requests, created its record. */
  private static boolean recoveredAfter(Map<String, Integer> created, int before) {
    return created.size() > before + 6 && lastStatuses(created).stream().allMatch(s -> s == 201);
  }

  /** The status of the newest request of each writing thread. */
  private static List<Integer> lastStatuses(Map<String, Integer> created) {
    Map<String, Integer> newest = new java.util.HashMap<>();
    Map<String, Integer> newestN = new java.util.HashMap<>();
    created.forEach((title, status) -> {
      String thread = title.substring(0, title.lastIndexOf('-'));
      int n = Integer.parseInt(title.substring(title.lastIndexOf('-') + 1));
      if (n >= newestN.getOrDefault(thread, -1)) {
        newestN.put(thread, n);
        newest.put(thread, status);
      }
    });
    return new ArrayList<>(newest.values());
  }

  private static void awaitStatus(Map<String, Integer> created, Predicate<Integer> status, String what) {
    Eventually.until(Duration.ofSeconds(30), what, () -> created.values().stream().anyMatch(status));
  }

  private static TcpForwarder startForwarder() {
    try {
      return new TcpForwarder("127.0.0.1", 5432);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
