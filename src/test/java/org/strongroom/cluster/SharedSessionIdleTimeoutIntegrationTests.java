package org.strongroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.strongroom.support.RedisMonitor;
import org.strongroom.support.RequiresRedis;
import org.strongroom.support.TestUsers;
import org.strongroom.support.TwoInstances;
import org.strongroom.support.TwoInstances.Browser;

/**
 * The idle timeout with sessions in Redis, whose last access time is written only in steps of
 * 1/16 of the timeout (here 16 s, so steps of 1 s), on real time: a session used all along,
 * on either instance, outlives the timeout; one used a little earlier than the timeout minus a
 * step still works; and a session unused for the timeout has ended on both instances.
 */
@RequiresRedis
class SharedSessionIdleTimeoutIntegrationTests {

  static final Duration IDLE_TIMEOUT = Duration.ofSeconds(16);

  static TwoInstances servers;
  static TestUsers users;

  @BeforeAll
  static void start() {
    servers = new TwoInstances("--strongroom.security.session.idle-timeout=" + IDLE_TIMEOUT.toSeconds() + "s");
    users = servers.users();
  }

  @AfterAll
  static void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  void anActiveSessionOutlivesTheIdleTimeoutAndAnIdleOneEndsOnBothInstances() throws Exception {
    TestUsers.User user = users.user();
    Browser active = new Browser(servers);
    Browser idle = new Browser(servers);
    active.a().login(user.email(), TestUsers.PASSWORD);
    idle.b().login(user.email(), TestUsers.PASSWORD);
    long start = System.nanoTime();
    boolean idleAskedLate = false;
    int requests = 0;
    try (RedisMonitor monitor = new RedisMonitor(servers.namespace + ":session:")) {
      while (elapsed(start).compareTo(IDLE_TIMEOUT.plusSeconds(4)) < 0) {
        assertThat((requests++ % 2 == 0 ? active.a() : active.b()).get("/api/me").statusCode())
            .as("an active session after %s", elapsed(start)).isEqualTo(200);
        if (!idleAskedLate && elapsed(start).compareTo(IDLE_TIMEOUT.minusSeconds(4)) >= 0) {
          // Up to a step early is allowed; 4 s before the timeout leaves room for a slow machine.
          assertThat(idle.a().get("/api/me").statusCode()).isEqualTo(200);
          idleAskedLate = true;
        }
        Thread.sleep(250);
      }
      List<String> commands = monitor.drain();
      long writes = commands.stream().filter(command -> command.startsWith("\"HMSET\"")
          || command.startsWith("\"HSET\"")).count();
      // Once a step (1 s) at most, and at least now and then.
      assertThat(writes).isLessThanOrEqualTo(elapsed(start).toSeconds() + 2).isGreaterThanOrEqualTo(3);
      assertThat(writes).isLessThan(requests);
    }

    // The idle timeout itself, on Redis's clock (a key's time to live), which a test cannot move;
    // and it cannot be polled for, since asking with an idle session would renew it.
    Thread.sleep(IDLE_TIMEOUT.plusSeconds(1).toMillis());
    for (Browser browser : List.of(active, idle)) {
      assertThat(browser.a().get("/api/me").statusCode()).isEqualTo(401);
      assertThat(browser.b().get("/api/me").statusCode()).isEqualTo(401);
    }
  }

  private static Duration elapsed(long start) {
    return Duration.ofNanos(System.nanoTime() - start);
  }
}
