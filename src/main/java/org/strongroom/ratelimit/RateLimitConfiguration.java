package org.strongroom.ratelimit;

import java.time.Clock;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.cluster.RedisProperties;

@Configuration(proxyBeanMethods = false)
class RateLimitConfiguration {

  /** Redis when {@code strongroom.redis.url} is set (limits shared by every instance), else this process. */
  @Bean
  BucketStore rateLimitBuckets(RateLimitProperties properties, RedisProperties redis) {
    return redis.configured()
        ? new RedisBucketStore(redis.url())
        : new InMemoryBucketStore(properties.inMemoryMaxKeys());
  }

  @Bean
  RateLimiter rateLimiter(BucketStore buckets, RateLimitProperties properties, Clock clock,
      ObjectProvider<MeterRegistry> metrics) {
    return new RateLimiter(buckets, properties.redisFailure(), clock, metrics.getIfAvailable(SimpleMeterRegistry::new));
  }

  @Bean
  RateLimitPolicy rateLimitPolicy(RateLimitProperties properties, JdbcClient jdbc, Clock clock) {
    return new RateLimitPolicy(properties, jdbc, clock);
  }

  @Bean
  RateLimiting rateLimiting(RateLimiter limiter, RateLimitPolicy policy, RateLimitProperties properties,
      Clock clock) {
    return new RateLimiting(limiter, policy, clock, properties.enabled());
  }
}
