package org.strongroom.web;

import io.micrometer.observation.ObservationRegistry;
import org.springframework.boot.actuate.autoconfigure.web.server.ConditionalOnManagementPort;
import org.springframework.boot.actuate.autoconfigure.web.server.ManagementPortType;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.web.filter.ServerHttpObservationFilter;

/**
 * No request observation while the management server is off ({@code strongroom.management.port}
 * unset or -1, the default). {@code http.server.requests} can only be read through Prometheus on
 * the management server, so with it off the timer is kept for no one, and Spring's observation
 * filter still costs every request: the observation, its context and key values, and the timer
 * (the largest single part of the token record read's request-thread CPU outside our own code;
 * docs/development/performance.md). A disabled registration of the filter's type makes Boot's
 * {@code WebMvcObservationAutoConfiguration} register none. With a management port, Boot
 * registers the filter as before and {@link RequestTimers} times every request.
 */
@Configuration(proxyBeanMethods = false)
@ConditionalOnManagementPort(ManagementPortType.DISABLED)
class RequestObservationOff {

  @Bean
  FilterRegistrationBean<ServerHttpObservationFilter> noRequestObservation() {
    FilterRegistrationBean<ServerHttpObservationFilter> registration =
        new FilterRegistrationBean<>(new ServerHttpObservationFilter(ObservationRegistry.NOOP));
    registration.setEnabled(false);
    return registration;
  }
}
