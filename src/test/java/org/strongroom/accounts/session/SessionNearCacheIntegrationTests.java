package org.strongroom.accounts.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Base64;
import java.util.List;
import java.util.Map;

import io.lettuce.core.RedisClient;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.cluster.RedisSubscription;
import org.strongroom.support.Eventually;
import org.strongroom.support.RedisMonitor;
import org.strongroom.support.RequiresRedis;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestUsers;
import org.strongroom.support.TwoInstances;
import org.strongroom.support.TwoInstances.Browser;

/**
 * Each instance's copy of the sessions it read ({@link SessionNearCache}), on two real servers
 * sharing one Redis: a copy is used (a page view makes no Redis command), yet a session signed
 * out on one instance is refused on the other at once, and a change made on one (the second
 * factor entered) is seen on the other at once. When an instance's subscription to the changes
 * is down, or its heartbeats stop coming back, or an instance that does not announce its changes
 * (an older version) listens beside it, it uses no copy: every read goes to Redis.
 */
@RequiresRedis
class SessionNearCacheIntegrationTests {


  static TwoInstances servers;
  static TestUsers users;

  @BeforeAll
  static void start() {
    servers = new TwoInstances();
    users = servers.users();
    for (ConfigurableApplicationContext server : List.of(servers.a, servers.b)) {
      Eventually.until(Duration.ofSeconds(10), "the session changes channel in place",
          () -> cache(server).trusted());
    }
  }

  @AfterAll
  static void stop() {
    if (servers != null) {
      servers.close();
    }
  }

  @Test
  void aSessionSignedOutOnOneInstanceIsRefusedOnTheOtherAtOnce() {
    TestUsers.User user = users.user();
    for (int round = 0; round < 10; round++) {
      Browser browser = new Browser(servers);
      boolean outOnA = round % 2 == 0;
      SessionClient login = outOnA ? browser.a() : browser.b();
      assertThat(login.login(user.email(), TestUsers.PASSWORD).statusCode()).isEqualTo(302);
      ConfigurableApplicationContext other = outOnA ? servers.b : servers.a;
      for (int view = 0; view < 2; view++) {
        assertThat((outOnA ? browser.b() : browser.a()).get("/account/profile").statusCode()).isEqualTo(200);
      }
      String id = sessionId(browser.a());
      assertThat(cache(other).holds(id)).as("the other instance holds a copy of the session").isTrue();

      assertThat((outOnA ? browser.a() : browser.b()).submit("/logout", Map.of()).statusCode()).isEqualTo(302);
      SessionClient after = outOnA ? browser.b() : browser.a();
      assertThat(after.get("/api/me").statusCode()).as("round %d", round).isEqualTo(401);
      assertThat(after.get("/account/profile").statusCode()).isEqualTo(302);
    }
  }

  @Test
  void aSecondFactorEnteredOnOneInstanceIsSeenOnTheOtherAtOnce() {
    TestUsers.User user = users.user();
    String seed = servers.enrolTotp(user);
    Browser browser = new Browser(servers);
    assertThat(browser.a().login(user.email(), TestUsers.PASSWORD).headers().firstValue("Location").orElseThrow())
        .endsWith("/login/mfa");
    // B holds the session as it is while the second factor is pending.
    assertThat(browser.b().get("/api/me").statusCode()).isEqualTo(401);
    assertThat(browser.b().get("/api/me").statusCode()).isEqualTo(401);
    assertThat(cache(servers.b).holds(sessionId(browser.b()))).isTrue();

    assertThat(browser.a().submit("/login/mfa", Map.of("code", TwoInstances.totpCode(seed, 1))).statusCode()).isEqualTo(302);
    assertThat(browser.b().get("/api/me").statusCode()).isEqualTo(200);
    assertThat(browser.a().get("/api/me").statusCode()).isEqualTo(200);
  }

  @Test
  void withoutItsSubscriptionAnInstanceReadsEverySessionFromRedis() throws Exception {
    RedisSubscription listener = servers.b.getBean("sessionChangesListener", RedisSubscription.class);
    TestUsers.User user = users.user();
    Browser browser = new Browser(servers);
    browser.a().login(user.email(), TestUsers.PASSWORD);
    browser.b().get("/account/profile");
    browser.b().get("/account/profile");
    assertThat(cache(servers.b).holds(sessionId(browser.b()))).isTrue();
    try (RedisMonitor monitor = new RedisMonitor(servers.namespace + ":session:")) {
      listener.stop();
      assertThat(cache(servers.b).trusted()).as("no copy used once the subscription is lost").isFalse();
      monitor.drain();
      for (int view = 0; view < 4; view++) {
        assertThat(browser.b().get("/account/profile").statusCode()).isEqualTo(200);
      }
      assertThat(monitor.drain()).filteredOn(command -> command.startsWith("\"HGETALL\"")).hasSize(4);

      // Signed out on A while B hears nothing: B reads Redis, so it refuses at once all the same.
      assertThat(browser.a().submit("/logout", Map.of()).statusCode()).isEqualTo(302);
      assertThat(browser.b().get("/api/me").statusCode()).isEqualTo(401);
    } finally {
      listener.start();
    }
    Eventually.until(Duration.ofSeconds(10), "B's copies in use again", () -> cache(servers.b).trusted());
    Browser again = new Browser(servers);
    again.a().login(user.email(), TestUsers.PASSWORD);
    again.b().get("/account/profile");
    assertThat(cache(servers.b).holds(sessionId(again.b()))).isTrue();
  }

  @Test
  void whenItsHeartbeatsStopComingBackAnInstanceStopsUsingItsCopies() {
    SessionChanges changes = servers.b.getBean(SessionChanges.class);
    TestUsers.User user = users.user();
    Browser browser = new Browser(servers);
    browser.a().login(user.email(), TestUsers.PASSWORD);
    browser.b().get("/account/profile");
    String id = sessionId(browser.b());
    assertThat(cache(servers.b).holds(id)).isTrue();
    long stopped = System.nanoTime();
    changes.stop();
    try {
      Eventually.until(Duration.ofSeconds(10), "B distrusting its copies", () -> !cache(servers.b).trusted());
      // The bound itself is SessionNearCacheTests'; here, only that it is of the order of TRUST.
      assertThat(Duration.ofNanos(System.nanoTime() - stopped)).isLessThan(SessionNearCache.TRUST.plusSeconds(5));
      assertThat(cache(servers.b).holds(id)).isFalse();
    } finally {
      changes.start();
    }
    Eventually.until(Duration.ofSeconds(10), "B's copies in use again", () -> cache(servers.b).trusted());
    // What B kept before the silence is not used again: messages may have been lost meanwhile.
    assertThat(cache(servers.b).holds(id)).isFalse();
    assertThat(browser.b().get("/api/me").statusCode()).isEqualTo(200);
  }

  @Test
  void whileAnInstanceThatDoesNotAnnounceItsChangesRunsNoInstanceUsesItsCopies() {
    TestUsers.User user = users.user();
    Browser browser = new Browser(servers);
    browser.a().login(user.email(), TestUsers.PASSWORD);
    browser.b().get("/account/profile");
    String id = sessionId(browser.b());
    assertThat(cache(servers.b).holds(id)).isTrue();
    // An instance of an older version listens to revocations, not to session changes.
    RedisClient client = RedisClient.create(RequiresRedis.URL);
    try (StatefulRedisPubSubConnection<String, String> older = client.connectPubSub()) {
      older.sync().subscribe(servers.namespace + ":revocations");
      for (ConfigurableApplicationContext server : List.of(servers.a, servers.b)) {
        Eventually.until(Duration.ofSeconds(10), "no copies used beside an older instance",
            () -> !cache(server).trusted());
      }
      assertThat(cache(servers.b).holds(id)).isFalse();
    } finally {
      client.shutdown();
    }
    Eventually.until(Duration.ofSeconds(10), "copies used again once it is gone", () -> cache(servers.b).trusted());
    assertThat(browser.b().get("/api/me").statusCode()).isEqualTo(200);
  }

  private static SessionNearCache cache(ConfigurableApplicationContext server) {
    return server.getBean(SessionNearCache.class);
  }

  private static String sessionId(SessionClient browser) {
    return new String(Base64.getDecoder().decode(browser.sessionId()), StandardCharsets.UTF_8);
  }
}
