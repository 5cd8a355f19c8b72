package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.Callable;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.Future;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.StrongroomApplication;
import org.strongroom.support.LoopbackClient;
import org.strongroom.support.LoopbackClient.Response;
import org.strongroom.support.RequiresRedis;
import org.strongroom.support.TestInstance;

/**
 * Two servers (each with its own database) sharing one Redis count one quota: the
 * (N+1)-th request is refused whichever server receives it.
 */
@RequiresRedis
class RedisSharedQuotaIntegrationTests {

  static final int LIMIT = 5;
  static ConfigurableApplicationContext first;
  static ConfigurableApplicationContext second;

  @BeforeAll
  static void startTwoServers() {
    TestInstance.ensure();
    first = server();
    second = server();
  }

  @AfterAll
  static void stopServers() {
    if (first != null) {
      first.close();
    }
    if (second != null) {
      second.close();
    }
  }

  @Test
  void theNPlusFirstRequestIsRefusedWhicheverServerGetsIt() {
    LoopbackClient one = new LoopbackClient(port(first));
    LoopbackClient two = new LoopbackClient(port(second));
    // The same client address on both servers (the random prefix differs per client object).
    String address = one.address(1);
    for (int i = 1; i <= LIMIT; i++) {
      Response ok = (i % 2 == 1 ? one : two).getFrom(address, "/api/records/");
      assertThat(ok.status()).as("request %d", i).isEqualTo(200);
      assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(LIMIT - i));
    }
    assertThat(one.getFrom(address, "/api/records/").status()).isEqualTo(429);
    assertThat(two.getFrom(address, "/api/records/").status()).isEqualTo(429);
    // Another address still has its whole quota on either server.
    assertThat(two.getFrom(one.address(2), "/api/records/").header("X-RateLimit-Remaining")).isEqualTo("4");
  }

  /**
   * Requests of one caller racing on both servers at once (Bucket4j batches concurrent
   * requests of a key on each instance): still exactly N allowed, each with its own count.
   */
  @Test
  void concurrentRequestsOnBothServersAreCountedExactly() throws Exception {
    LoopbackClient one = new LoopbackClient(port(first));
    LoopbackClient two = new LoopbackClient(port(second));
    String address = one.address(3);
    int attempts = 24;
    List<Callable<Response>> requests = new ArrayList<>();
    for (int i = 0; i < attempts; i++) {
      LoopbackClient client = i % 2 == 0 ? one : two;
      requests.add(() -> client.getFrom(address, "/api/records/"));
    }
    ExecutorService pool = Executors.newFixedThreadPool(attempts);
    List<Response> responses = new ArrayList<>();
    try {
      for (Future<Response> response : pool.invokeAll(requests)) {
        responses.add(response.get());
      }
    } finally {
      pool.shutdownNow();
    }
    List<Response> allowed = responses.stream().filter(r -> r.status() == 200).toList();
    assertThat(allowed).hasSize(LIMIT);
    assertThat(responses).filteredOn(r -> r.status() == 429).hasSize(attempts - LIMIT);
    assertThat(allowed).extracting(r -> r.header("X-RateLimit-Remaining"))
        .containsExactlyInAnyOrder("4", "3", "2", "1", "0");
    assertThat(one.getFrom(address, "/api/records/").status()).isEqualTo(429);
  }

  private static ConfigurableApplicationContext server() {
    return new SpringApplicationBuilder(StrongroomApplication.class).web(WebApplicationType.SERVLET)
        .run("--strongroom.instance=" + TestInstance.FOLDER,
            "--strongroom.database.url=jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1",
            "--server.port=0",
            "--logging.file.name=",
            "--strongroom.redis.url=" + RequiresRedis.URL,
            "--strongroom.rate-limits.anonymous=" + LIMIT + "/1m");
  }

  private static int port(ConfigurableApplicationContext context) {
    return Integer.parseInt(context.getEnvironment().getProperty("local.server.port"));
  }
}
