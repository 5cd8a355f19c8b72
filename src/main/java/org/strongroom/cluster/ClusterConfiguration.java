package org.strongroom.cluster;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.RedisURI;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.data.redis.connection.lettuce.LettuceClientConfiguration;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;

/**
 * The Redis connection shared by the features that keep state for every instance (sessions,
 * throttles, revocations). It connects lazily: a Redis that is down at start-up does not stop
 * the server; each feature says what it does meanwhile.
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisConfigured.class)
class ClusterConfiguration {

  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(2);

  @Bean
  LettuceConnectionFactory clusterRedisConnectionFactory(RedisProperties properties) {
    RedisURI uri;
    try {
      uri = RedisURI.create(properties.url());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("strongroom.redis.url is not a Redis URL (" + properties.safeUrl()
          + "); use redis://host:6379 or rediss://host:6380");
    }
    LettuceClientConfiguration client = LettuceClientConfiguration.builder().apply(uri)
        .commandTimeout(COMMAND_TIMEOUT).clientName("strongroom").build();
    LettuceConnectionFactory factory =
        new LettuceConnectionFactory(LettuceConnectionFactory.createRedisConfiguration(uri), client);
    return factory;
  }

  @Bean
  StringRedisTemplate clusterRedisTemplate(LettuceConnectionFactory redis) {
    return new StringRedisTemplate(redis);
  }

  /** Revocations announced by any instance reach this one. */
  @Bean
  RedisSubscription revocationListener(LettuceConnectionFactory redis, Revocations revocations,
      RedisProperties properties) {
    return new RedisSubscription("revocation messages", redis,
        (message, pattern) -> revocations.received(message.getBody()),
        List.of(new ChannelTopic(Revocations.channel(properties))));
  }
}
