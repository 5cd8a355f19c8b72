package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.MeterRegistry;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;

/**
 * Without a management server (the default) nothing can read {@code http.server.requests}, so no
 * request is observed or timed ({@link RequestObservationOff}); ManagementPortIntegrationTests
 * shows every request timed once a management port is set.
 */
@IntegrationTest
class RequestObservationOffIntegrationTests {

  @Autowired
  ApiClient api;
  @Autowired
  MeterRegistry registry;
  @Autowired
  RequestTimers requestTimers;

  @Test
  void requestsAreNotTimedWithoutAManagementServer() {
    assertThat(api.get("/api/records/?size=1").statusCode()).isEqualTo(200);
    assertThat(api.get("/api/records/not-an-id").statusCode()).isEqualTo(404);

    assertThat(registry.find("http.server.requests").meters()).isEmpty();
    assertThat(requestTimers.cachedTimers()).isZero();
  }
}
