package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import io.micrometer.core.instrument.Meter;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import io.micrometer.observation.Observation;
import io.micrometer.observation.ObservationHandler;
import io.micrometer.observation.ObservationRegistry;

import java.util.Map;
import java.util.TreeMap;

import org.junit.jupiter.api.Test;
import org.springframework.http.server.observation.DefaultServerRequestObservationConvention;
import org.springframework.http.server.observation.ServerHttpObservationDocumentation;
import org.springframework.http.server.observation.ServerRequestObservationContext;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;

/**
 * {@link RequestTimers} records each request into the very timer Micrometer's default handler
 * would, for requests of every method, path pattern, status and error, seen many times.
 */
class RequestTimersTests {

  @Test
  void everyRequestIsTimedIntoTheTimerTheDefaultHandlerUses() {
    MeterRegistry expected = new SimpleMeterRegistry();
    MeterRegistry actual = new SimpleMeterRegistry();
    ObservationRegistry byDefault = observations(
        new DefaultMeterObservationHandler(expected, DefaultMeterObservationHandler.IgnoredMeters.LONG_TASK_TIMER));
    RequestTimers timers = new RequestTimers(actual, true);
    ObservationRegistry cached = observations(timers);

    for (int round = 0; round < 3; round++) {
      for (String method : new String[] {"GET", "PUT", "DELETE", "OPTIONS"}) {
        for (String pattern : new String[] {"/api/records/{id}", "/api/records/", null}) {
          for (int status : new int[] {200, 304, 404, 500}) {
            for (Throwable error : new Throwable[] {null, new IllegalStateException("boom")}) {
              request(byDefault, method, pattern, status, error);
              request(cached, method, pattern, status, error);
            }
          }
        }
      }
    }

    assertThat(timersOf(actual)).isEqualTo(timersOf(expected)).hasSizeGreaterThan(50);
    assertThat(timers.cachedTimers()).isEqualTo(timersOf(expected).size());
  }

  @Test
  void otherObservationsAndLongTaskTimersAreLeftToTheDefaultHandler() {
    RequestTimers timers = new RequestTimers(new SimpleMeterRegistry(), true);
    assertThat(timers.supportsContext(new Observation.Context())).isFalse();
    ServerRequestObservationContext request =
        new ServerRequestObservationContext(new MockHttpServletRequest(), new MockHttpServletResponse());
    assertThat(timers.supportsContext(request)).isTrue();
    assertThat(new RequestTimers(new SimpleMeterRegistry(), false).supportsContext(request)).isFalse();
  }

  private static ObservationRegistry observations(ObservationHandler<?> handler) {
    ObservationRegistry registry = ObservationRegistry.create();
    registry.observationConfig().observationHandler(handler);
    return registry;
  }

  private static void request(ObservationRegistry registry, String method, String pattern, int status,
      Throwable error) {
    MockHttpServletResponse response = new MockHttpServletResponse();
    response.setStatus(status);
    ServerRequestObservationContext context =
        new ServerRequestObservationContext(new MockHttpServletRequest(method, "/api/records/x"), response);
    context.setPathPattern(pattern);
    Observation observation = ServerHttpObservationDocumentation.HTTP_SERVLET_SERVER_REQUESTS
        .observation(null, new DefaultServerRequestObservationConvention(), () -> context, registry);
    observation.start();
    if (error != null) {
      observation.error(error);
    }
    observation.stop();
  }

  /** Each timer's name and tags, with how many times it recorded. */
  private static Map<String, Long> timersOf(MeterRegistry registry) {
    Map<String, Long> timers = new TreeMap<>();
    for (Meter meter : registry.getMeters()) {
      if (meter instanceof Timer timer) {
        timers.put(meter.getId().getName() + meter.getId().getTags(), timer.count());
      }
    }
    return timers;
  }
}
