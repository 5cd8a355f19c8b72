package org.strongroom.web;

import io.micrometer.common.KeyValue;
import io.micrometer.common.KeyValues;
import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.Tag;
import io.micrometer.core.instrument.Timer;
import io.micrometer.core.instrument.observation.DefaultMeterObservationHandler;
import io.micrometer.core.instrument.observation.MeterObservationHandler;
import io.micrometer.observation.Observation;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.boot.micrometer.metrics.autoconfigure.MetricsProperties;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.http.server.observation.ServerRequestObservationContext;

/**
 * Times HTTP requests into {@code http.server.requests} as Micrometer's
 * {@link DefaultMeterObservationHandler} does (the same timer: the observation's name, its
 * low-cardinality key values as tags, and {@code error}), but finds the timer in a map of its
 * own by those values instead of building the tags and looking them up in the registry on
 * every request, which halved what the end of a request's observation costs
 * (docs/development/performance.md). RequestTimersTests
 * holds the two to the same meters. It takes server requests only, and only when long-task
 * timers are ignored (application.yml), since it keeps none; every other observation goes on
 * to Boot's default handler, which it is ordered before. A timer removed from the registry by
 * hand would go on being recorded here unseen; nothing here removes meters.
 */
final class RequestTimers implements MeterObservationHandler<ServerRequestObservationContext> {

  /** Enough for every URI pattern × method × status an application answers; past it, no caching. */
  private static final int MOST_TIMERS = 2_000;

  private final MeterRegistry registry;
  private final boolean enabled;
  private final Map<TimerKey, Timer> timers = new ConcurrentHashMap<>();

  RequestTimers(MeterRegistry registry, boolean longTaskTimersIgnored) {
    this.registry = registry;
    this.enabled = longTaskTimersIgnored;
  }

  @Override
  public boolean supportsContext(Observation.Context context) {
    return enabled && context instanceof ServerRequestObservationContext;
  }

  @Override
  public void onStart(ServerRequestObservationContext context) {
    context.put(Timer.Sample.class, Timer.start(registry));
  }

  @Override
  public void onStop(ServerRequestObservationContext context) {
    Throwable error = context.getError();
    TimerKey key = new TimerKey(context.getName(), context.getLowCardinalityKeyValues(),
        error == null ? "none" : error.getClass().getSimpleName());
    Timer timer = timers.get(key);
    if (timer == null) {
      timer = registry.timer(key.name(), key.tags());
      if (timers.size() < MOST_TIMERS) {
        timers.put(key, timer);
      }
    }
    Timer.Sample sample = context.getRequired(Timer.Sample.class);
    sample.stop(timer);
  }

  int cachedTimers() {
    return timers.size();
  }

  private record TimerKey(String name, KeyValues keyValues, String error) {

    List<Tag> tags() {
      List<Tag> tags = new ArrayList<>();
      for (KeyValue keyValue : keyValues) {
        tags.add(Tag.of(keyValue.getKey(), keyValue.getValue()));
      }
      tags.add(Tag.of("error", error));
      return tags;
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {

    @Bean
    @Order(Ordered.HIGHEST_PRECEDENCE)
    RequestTimers requestTimers(ObjectProvider<MeterRegistry> registry, MetricsProperties properties) {
      boolean longTaskTimersIgnored = properties.getObservations().getIgnoredMeters()
          .contains(DefaultMeterObservationHandler.IgnoredMeters.LONG_TASK_TIMER);
      return new RequestTimers(registry.getObject(), longTaskTimersIgnored);
    }
  }
}
