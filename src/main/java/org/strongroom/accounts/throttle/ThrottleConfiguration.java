package org.strongroom.accounts.throttle;

import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.strongroom.accounts.AccountsProperties;
import org.strongroom.cluster.RedisConfigured;
import org.strongroom.cluster.RedisOutageLog;
import org.strongroom.cluster.RedisProperties;

/** Login failure counters: in this process, or in Redis (shared by every instance) when it is configured. */
@Configuration(proxyBeanMethods = false)
class ThrottleConfiguration {

  @Bean
  @Conditional(RedisConfigured.Absent.class)
  FailureCounters failureCounters(AccountsProperties properties) {
    return new InMemoryFailureCounters(properties.login().maxTracked());
  }

  @Bean
  @Conditional(RedisConfigured.class)
  FailureCounters redisFailureCounters(LettuceConnectionFactory redis, RedisProperties properties,
      RedisOutageLog outage) {
    return new RedisFailureCounters(new StringRedisTemplate(redis), properties.namespace(), outage);
  }
}
