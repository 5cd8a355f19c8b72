package org.strongroom.accounts;

import org.springframework.boot.autoconfigure.condition.ConditionalOnMissingBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The in-memory login failure counters, unless a shared implementation is configured. */
@Configuration(proxyBeanMethods = false)
class ThrottleConfiguration {

  @Bean
  @ConditionalOnMissingBean(FailureCounters.class)
  FailureCounters failureCounters(AccountsProperties properties) {
    return new InMemoryFailureCounters(properties.login().maxTracked());
  }
}
