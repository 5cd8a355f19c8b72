package org.strongroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.strongroom.support.RedisMonitor;
import org.strongroom.support.RequiresRedis;
import org.strongroom.support.TestUsers;
import org.strongroom.support.TwoInstances;
import org.strongroom.support.TwoInstances.Browser;

/**
 * What a signed-in page view costs in Redis, counted exactly with Redis's MONITOR: once each
 * instance holds a copy of the session (its near cache), nothing; nothing written while the
 * session does not change (its last access time is written in steps of 1/16 of the idle
 * timeout, 30 minutes here). A request that does change the session still writes it, and the
 * other instance sees the change.
 */
@RequiresRedis
class RedisSessionCostIntegrationTests {

  static final int PAGE_VIEWS = 20;

  static TwoInstances servers;
  static TestUsers users;
  static RedisMonitor monitor;

  @BeforeAll
  static void start() throws Exception {
    servers = new TwoInstances();
    users = servers.users();
    monitor = new RedisMonitor(servers.namespace + ":session:");
  }

  @AfterAll
  static void stop() throws Exception {
    if (monitor != null) {
      monitor.close();
    }
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  void aSignedInPageViewOfAnUnchangedSessionMakesNoRedisCommand() throws Exception {
    Browser browser = new Browser(servers);
    assertThat(browser.a().login(users.user().email(), TestUsers.PASSWORD).statusCode()).isEqualTo(302);
    assertThat(browser.b().get("/account/profile").statusCode()).isEqualTo(200);
    monitor.drain();

    for (int i = 0; i < PAGE_VIEWS; i++) {
      assertThat((i % 2 == 0 ? browser.a() : browser.b()).get("/account/profile").statusCode()).isEqualTo(200);
    }

    // At most the first view on each instance reads the session (the login wrote it, so neither
    // kept a copy of the session as it was before).
    List<String> commands = monitor.drain();
    assertThat(commands).hasSizeLessThanOrEqualTo(2).allMatch(command -> command.startsWith("\"HGETALL\""), "a read");
  }

  @Test
  void aRequestThatChangesTheSessionStillWritesIt() throws Exception {
    TestUsers.User admin = users.superuser();
    Browser browser = new Browser(servers);
    browser.a().login(admin.email(), TestUsers.PASSWORD);
    monitor.drain();

    assertThat(browser.a().submit("/account/sudo", Map.of("password", TestUsers.PASSWORD, "next",
        "/account/profile")).statusCode()).isEqualTo(302);

    assertThat(monitor.drain()).anyMatch(command -> command.startsWith("\"HMSET\"") || command.startsWith("\"HSET\""));
    TestUsers.User other = users.user();
    HttpResponse<String> needsSudo = browser.b().submit("/admin/users/" + other.id() + "/active",
        Map.of("active", "false"));
    assertThat(needsSudo.statusCode()).isEqualTo(302);
    assertThat(needsSudo.headers().firstValue("Location").orElseThrow()).endsWith("/admin/users");
  }
}
