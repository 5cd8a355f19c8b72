package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.strongroom.support.ApiClient;
import org.strongroom.support.MutableClock;
import org.strongroom.support.RequiresPostgres;
import org.strongroom.support.RequiresRedis;
import org.strongroom.support.TestUsers;
import org.strongroom.support.TwoInstances;

/**
 * Attacks records/RecordCache across instances: two servers on one PostgreSQL database and one
 * Redis. B reads a record (so B caches its row), A changes it, and B must show the change
 * (within the 5 s allowed to a loaded machine; the window itself is what bench/revocation.sh
 * measures for tokens) and never the old row again. Both clocks stand still, so B's entries
 * never expire by themselves: only the message through Redis pub/sub can have made B forget the row.
 */
@RequiresPostgres
@RequiresRedis
class SharedRecordCacheIntegrationTests {

  static final String SCHEMA = "record_cache_it";
  static TwoInstances servers;
  static TestUsers users;
  static ApiClient onA;
  static ApiClient onB;

  @BeforeAll
  static void start() {
    servers = new TwoInstances(new Class<?>[] {MutableClock.Configuration.class},
        "--strongroom.database.url=" + RequiresPostgres.URL_PREFIX + SCHEMA,
        "--strongroom.database.username=postgres", "--spring.flyway.schemas=" + SCHEMA);
    users = servers.users();
    onA = servers.apiA();
    onB = servers.apiB();
  }

  @AfterAll
  static void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  void aRecordChangedOnOneServerIsNeverServedFromTheOthersCache() {
    TestUsers.User alice = users.user();
    TestUsers.User bob = users.user();
    String unknownBody = onB.get("/api/records/00000-00000").body();

    String id = created(alice, "Public for now", "public");
    cachedOnB(id);
    assertThat(onA.put("/api/records/" + id, RecordsApiContract.body("Restricted now", "restricted"),
        bearer(alice.token())).statusCode()).isEqualTo(200);
    untilOnB(id, read -> read.statusCode() == 404);
    for (int i = 0; i < 3; i++) {
      HttpResponse<String> anonymous = onB.get("/api/records/" + id);
      assertThat(anonymous.statusCode()).isEqualTo(404);
      assertThat(anonymous.body()).isEqualTo(unknownBody);
      assertThat(onB.get("/api/records/" + id, bearer(bob.token())).body()).isEqualTo(unknownBody);
      HttpResponse<String> byOwner = onB.get("/api/records/" + id, bearer(alice.token()));
      assertThat(byOwner.statusCode()).isEqualTo(200);
      assertThat(json(byOwner).path("access").path("record").asString()).isEqualTo("restricted");
    }

    String changing = created(alice, "First title", "public");
    cachedOnB(changing);
    assertThat(onA.put("/api/records/" + changing, RecordsApiContract.body("Second title", "public"),
        bearer(alice.token())).statusCode()).isEqualTo(200);
    untilOnB(changing, read -> "W/\"2\"".equals(read.headers().firstValue("ETag").orElse(null)));
    HttpResponse<String> changed = onB.get("/api/records/" + changing, "If-None-Match", "W/\"1\"");
    assertThat(changed.statusCode()).isEqualTo(200);
    assertThat(changed.headers().firstValue("ETag")).hasValue("W/\"2\"");
    assertThat(json(changed).path("metadata").path("title").asString()).isEqualTo("Second title");
    assertThat(onB.get("/api/records/" + changing, "If-None-Match", "W/\"2\"").statusCode()).isEqualTo(304);

    String deleted = created(alice, "Deleted soon", "public");
    cachedOnB(deleted);
    assertThat(onA.delete("/api/records/" + deleted, bearer(alice.token())).statusCode()).isEqualTo(204);
    untilOnB(deleted, read -> read.statusCode() == 410);
    HttpResponse<String> gone = onB.get("/api/records/" + deleted);
    assertThat(gone.statusCode()).isEqualTo(410);
    assertThat(json(gone).path("message").asString()).isEqualTo("Record has been deleted");
  }

  /**
   * The message is sent after the change commits, so B cannot reload the old row meanwhile;
   * here B reads on and on while A changes the record and must, once A has answered, never
   * again show revision 1.
   */
  @Test
  void readsRacingAChangeOnTheOtherServerEndOnTheNewRow() throws InterruptedException {
    TestUsers.User alice = users.user();
    for (int round = 0; round < 10; round++) {
      String id = created(alice, "Raced " + round, "public");
      cachedOnB(id);
      Thread reader = new Thread(() -> {
        for (int i = 0; i < 20; i++) {
          onB.get("/api/records/" + id);
        }
      });
      reader.start();
      assertThat(onA.put("/api/records/" + id, RecordsApiContract.body("Raced again " + round, "public"),
          bearer(alice.token())).statusCode()).isEqualTo(200);
      // Redis delivers the message to B's own thread: allow it that, then no old row ever again.
      untilOnB(id, read -> json(read).path("revision").asInt() == 2);
      reader.join();
      for (int i = 0; i < 5; i++) {
        assertThat(json(onB.get("/api/records/" + id)).path("revision").asInt()).isEqualTo(2);
      }
    }
  }

  /** Reads on B until {@code changed} holds, at most 5 s: only pub/sub can bring that about. */
  private static void untilOnB(String id, java.util.function.Predicate<HttpResponse<String>> changed) {
    long deadline = System.nanoTime() + java.time.Duration.ofSeconds(5).toNanos();
    while (!changed.test(onB.get("/api/records/" + id))) {
      assertThat(System.nanoTime()).as("B still serves the old row 5 s after the change").isLessThan(deadline);
      Thread.onSpinWait();
    }
  }

  private static String created(TestUsers.User owner, String title, String access) {
    HttpResponse<String> response = onA.post("/api/records/", RecordsApiContract.body(title, access),
        bearer(owner.token()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).path("id").asString();
  }

  private static void cachedOnB(String id) {
    for (int i = 0; i < 2; i++) {
      HttpResponse<String> read = onB.get("/api/records/" + id);
      assertThat(read.statusCode()).isEqualTo(200);
      assertThat(read.headers().firstValue("ETag")).hasValue("W/\"1\"");
    }
  }
}
