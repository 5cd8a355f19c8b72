package org.strongroom.cluster;

import java.time.Duration;
import java.util.List;

import io.lettuce.core.RedisURI;
import io.lettuce.core.event.connection.ConnectionActivatedEvent;
import io.lettuce.core.event.connection.ReconnectFailedEvent;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.DefaultClientResources;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.DependsOn;
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

  /**
   * The client's connection events tell the outage log when Redis stops answering (a
   * reconnection failed) and when it answers again (a connection is made).
   */
  @Bean(destroyMethod = "shutdown")
  ClientResources clusterRedisClientResources(RedisOutageLog outage) {
    ClientResources resources = DefaultClientResources.create();
    resources.eventBus().get().subscribe(event -> {
      if (event instanceof ConnectionActivatedEvent) {
        outage.reachable();
      } else if (event instanceof ReconnectFailedEvent failed) {
        outage.reconnectFailed(failed.getCause());
      }
    });
    return resources;
  }

  @Bean(destroyMethod = "close")
  RedisFailureLogFilter redisFailureLogFilter(RedisOutageLog outage) {
    return RedisFailureLogFilter.install(outage);
  }

  /** Made first, so that no Redis failure logs its stack trace before it is in place. */
  @Bean
  @DependsOn("redisFailureLogFilter")
  LettuceConnectionFactory clusterRedisConnectionFactory(RedisProperties properties, ClientResources resources) {
    RedisURI uri;
    try {
      uri = RedisURI.create(properties.url());
    } catch (IllegalArgumentException e) {
      throw new IllegalArgumentException("strongroom.redis.url is not a Redis URL (" + properties.safeUrl()
          + "); use redis://host:6379 or rediss://host:6380");
    }
    LettuceClientConfiguration client = LettuceClientConfiguration.builder().apply(uri)
        .commandTimeout(COMMAND_TIMEOUT).clientName("strongroom").clientResources(resources).build();
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
