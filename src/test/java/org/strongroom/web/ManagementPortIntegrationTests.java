package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.junit.jupiter.api.Assumptions.assumeTrue;

import java.io.IOException;
import java.net.Inet4Address;
import java.net.InetAddress;
import java.net.InetSocketAddress;
import java.net.NetworkInterface;
import java.net.Socket;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.Collections;
import java.util.Map;
import java.util.Optional;

import ch.qos.logback.classic.LoggerContext;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.boot.web.server.servlet.context.ServletWebServerApplicationContext;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.core.AuditEvent;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;

/**
 * Metrics and health live on the management server only: answered from localhost on its own
 * port, refused on the application's port, not reachable on other interfaces, and nothing
 * but health and Prometheus is exposed there.
 */
@IntegrationTest
@TestPropertySource(properties = {
    "strongroom.management.port=5001", // made random by Spring Boot's test support
    // Boot's own switch turned on: Spring Security's observations must stay off all the same.
    "management.observations.enable.spring.security=true"})
class ManagementPortIntegrationTests {

  @Autowired
  ApiClient api;
  @Autowired
  ApplicationEventPublisher events;
  @Autowired
  RequestTimers requestTimers;
  @Autowired
  ServletWebServerApplicationContext context;
  @Value("${local.management.port}")
  int managementPort;

  private final HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .connectTimeout(Duration.ofSeconds(5)).build();

  @Test
  void prometheusAnswersOnTheManagementPortWithAuditCounters() {
    events.publishEvent(new AuditEvent("login.failure", null, "198.51.100.7", "user:unknown", "failure", Map.of()));

    HttpResponse<String> response = management("/actuator/prometheus");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("text/plain"));
    assertThat(response.body())
        .contains("strongroom_audit_events_total{action=\"login.failure\",outcome=\"failure\"} 1.0")
        .contains("jvm_memory_used_bytes");
  }

  @Test
  void requestsAreTimedButSecurityFiltersAreNotObserved() {
    api.get("/api/records/?size=1");

    String metrics = management("/actuator/prometheus").body();

    assertThat(metrics).contains("http_server_requests_seconds_count{")
        .contains("uri=\"/api/records/\"");
    // Observing each security filter of each request costs every request (web/SecurityConfiguration).
    assertThat(metrics).doesNotContain("spring_security_")
        // Nor a long-task timer per request (application.yml, management.metrics.observations).
        .doesNotContain("http_server_requests_active");
  }

  @Test
  void theRequestObservationRunsBetweenTheHeadersAndThePerimeter() {
    // So that it times the perimeter's refusals too; without a management server there is none
    // (RequestObservationOff, PerimeterFiltersIntegrationTests).
    assertThat(PerimeterFiltersIntegrationTests.servletFilterOrder(context))
        .containsSubsequence("securityHeadersFilter", "webMvcObservationFilter", "perimeterFilterGroup")
        .doesNotContain("noRequestObservation");
  }

  @Test
  void eachRequestIsTimedOnceThroughTheCachedTimers() throws InterruptedException {
    api.get("/api/records/?size=2");
    double before = settledRequestCount();

    api.get("/api/records/?size=2");
    api.get("/api/records/?size=2");

    assertThat(requestTimers.cachedTimers()).isPositive();
    assertThat(settledRequestCount()).isEqualTo(before + 2);
  }

  /**
   * The request count once it has stopped moving. A request is timed when its filter returns,
   * which can be just after the client has read the response (a CI run on a busy machine saw
   * the count one short), so two reads 200 ms apart must agree.
   */
  private double settledRequestCount() throws InterruptedException {
    double last = requestCount(management("/actuator/prometheus").body());
    for (int i = 0; i < 25; i++) {
      Thread.sleep(200);
      double now = requestCount(management("/actuator/prometheus").body());
      if (now == last) {
        return now;
      }
      last = now;
    }
    throw new AssertionError("the request count kept moving for 5 s");
  }

  /** The count of the timer of GET /api/records/ answered 200, from Prometheus's text. */
  private static double requestCount(String metrics) {
    return metrics.lines()
        .filter(line -> line.startsWith("http_server_requests_seconds_count{") && line.contains("method=\"GET\"")
            && line.contains("status=\"200\"") && line.contains("uri=\"/api/records/\""))
        .mapToDouble(line -> Double.parseDouble(line.substring(line.lastIndexOf(' ') + 1)))
        .sum();
  }

  @Test
  void logEventsAreNotCountedThroughATurboFilter() {
    // Micrometer's logback counter is a TurboFilter: logback would call it on every level check
    // of every logger, logged or not (application.yml, management.metrics.binders.logback).
    LoggerContext logback = (LoggerContext) LoggerFactory.getILoggerFactory();

    assertThat(logback.getTurboFilterList()).isEmpty();
    assertThat(management("/actuator/prometheus").body()).doesNotContain("logback_events");
  }

  @Test
  void healthAnswersWithoutDetails() {
    HttpResponse<String> response = management("/actuator/health");

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(response).path("status").asString()).isEqualTo("UP");
    assertThat(response.body()).doesNotContain("components").doesNotContain("details")
        .doesNotContain("jdbc").doesNotContain("H2");
  }

  @Test
  void nothingElseIsExposedOnTheManagementPort() {
    for (String path : new String[] {"/actuator", "/actuator/env", "/actuator/beans", "/actuator/heapdump",
        "/actuator/configprops", "/actuator/loggers", "/actuator/metrics", "/actuator/threaddump",
        "/actuator/mappings", "/api/records", "/login", "/"}) {
      assertThat(management(path).statusCode()).as(path).isNotEqualTo(200);
    }
    HttpResponse<String> shutdown = send(HttpRequest.newBuilder(managementUri("/actuator/shutdown"))
        .POST(HttpRequest.BodyPublishers.noBody()).build());
    assertThat(shutdown.statusCode()).isNotEqualTo(200);
  }

  @Test
  void aForeignHostIsRefusedSoDnsRebindingCannotReadMetrics() {
    for (String host : new String[] {"evil.example", "127.0.0.1.nip.io", "localhost.evil.example"}) {
      HttpResponse<String> response = send(HttpRequest.newBuilder(managementUri("/actuator/prometheus"))
          .header("Host", host + ":" + managementPort).GET().build());
      assertThat(response.statusCode()).as(host).isEqualTo(403);
      assertThat(response.body()).as(host).doesNotContain("jvm_");
    }
    HttpResponse<String> local = send(HttpRequest.newBuilder(managementUri("/actuator/prometheus"))
        .header("Host", "localhost:" + managementPort).GET().build());
    assertThat(local.statusCode()).isEqualTo(200);
  }

  @Test
  void actuatorOnTheApplicationPortIsRefused() {
    for (String path : new String[] {"/actuator/prometheus", "/actuator/health", "/actuator", "/actuator/env",
        "/api/../actuator/prometheus", "/actuator/prometheus/", "/ACTUATOR/prometheus"}) {
      HttpResponse<String> response = api.get(path);
      assertThat(response.statusCode()).as(path).isNotEqualTo(200);
      assertThat(response.body()).as(path).doesNotContain("jvm_").doesNotContain("strongroom_audit")
          .doesNotContain("\"UP\"");
    }
  }

  @Test
  void theManagementPortListensOnLoopbackOnly() throws Exception {
    Optional<InetAddress> external = nonLoopbackAddress();
    if (external.isEmpty() && "1".equals(System.getenv("STRONGROOM_REQUIRE_SERVICES"))) {
      // As the Requires* annotations: CI must run this attack, not skip it.
      throw new IllegalStateException("no non-loopback IPv4 address to try, and STRONGROOM_REQUIRE_SERVICES=1");
    }
    assumeTrue(external.isPresent(), "this machine has no non-loopback IPv4 address to try");

    assertThatThrownBy(() -> {
      try (Socket socket = new Socket()) {
        socket.connect(new InetSocketAddress(external.get(), managementPort), 2000);
      }
    }).isInstanceOf(IOException.class);
  }

  private static Optional<InetAddress> nonLoopbackAddress() throws Exception {
    for (NetworkInterface network : Collections.list(NetworkInterface.getNetworkInterfaces())) {
      if (network.isUp() && !network.isLoopback()) {
        for (InetAddress address : Collections.list(network.getInetAddresses())) {
          if (address instanceof Inet4Address && !address.isLoopbackAddress()) {
            return Optional.of(address);
          }
        }
      }
    }
    return Optional.empty();
  }

  private URI managementUri(String path) {
    return URI.create("http://127.0.0.1:" + managementPort + path);
  }

  private HttpResponse<String> management(String path) {
    return send(HttpRequest.newBuilder(managementUri(path)).GET().build());
  }

  private HttpResponse<String> send(HttpRequest request) {
    try {
      return plain.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }
}
