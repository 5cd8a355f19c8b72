package org.strongroom.accounts.session;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Conditional;
import org.springframework.context.annotation.Configuration;
import org.springframework.context.annotation.Primary;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.connection.RedisConnection;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.RedisTemplate;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.serializer.RedisSerializer;
import org.springframework.session.data.redis.RedisIndexedSessionRepository;
import org.springframework.session.data.redis.config.ConfigureNotifyKeyspaceEventsAction;
import org.springframework.session.web.http.SessionRepositoryFilter;
import org.strongroom.accounts.AccountsProperties;
import org.strongroom.cluster.RedisConfigured;
import org.strongroom.cluster.RedisProperties;
import org.strongroom.cluster.RedisSubscription;
import org.strongroom.cluster.Revocations;

/**
 * With {@code strongroom.redis.url} set, sessions live in Redis (Spring Session's indexed
 * repository), so that a session made on one instance works on every other, and all sessions
 * of a user can be found and ended from any instance. Keys start with
 * {@code <strongroom.redis.namespace>:session:}. A request whose session did not change reads
 * it and writes nothing ({@link CoarseLastAccessSessionRepository}), and deserialises only what
 * changed since the instance last read it ({@link SessionValueSerializer}). A session that did
 * not change since this instance last read it is not read again at all ({@link SessionNearCache},
 * kept right through {@link SessionChanges}).
 */
@Configuration(proxyBeanMethods = false)
@Conditional(RedisConfigured.class)
class RedisSessionConfiguration {

  private static final Logger log = LoggerFactory.getLogger(RedisSessionConfiguration.class);

  @Bean
  SessionNearCache sessionNearCache() {
    return new SessionNearCache(System::nanoTime);
  }

  @Bean
  SessionChanges sessionChanges(StringRedisTemplate redis, RedisProperties properties, SessionNearCache cache) {
    return new SessionChanges(redis, properties.namespace(), Revocations.channel(properties), cache, System::nanoTime);
  }

  /** Changes announced by any instance (this one included) reach this one's copies. */
  @Bean
  RedisSubscription sessionChangesListener(LettuceConnectionFactory redis, RedisProperties properties,
      SessionChanges changes, SessionNearCache cache) {
    return new RedisSubscription("session changes", redis, (message, pattern) -> changes.received(message.getBody()),
        List.of(new ChannelTopic(SessionChanges.channel(properties.namespace()))), cache);
  }

  @Bean
  @SuppressWarnings("unchecked")
  RedisIndexedSessionRepository sessionRepository(LettuceConnectionFactory redis, RedisProperties properties,
      AccountsProperties accounts, ApplicationEventPublisher events, SessionNearCache cache, SessionChanges changes) {
    RedisTemplate<String, Object> template = template(redis,
        new SessionRedisTemplate(cache, changes, sessionKeyPrefix(properties)));
    RedisIndexedSessionRepository sessions = new RedisIndexedSessionRepository(template);
    sessions.setDefaultSerializer((RedisSerializer<Object>) template.getDefaultSerializer());
    sessions.setApplicationEventPublisher(events);
    sessions.setIndexResolver(new SessionOwnerIndex());
    sessions.setDefaultMaxInactiveInterval(accounts.session().idleTimeout());
    sessions.setRedisKeyNamespace(properties.namespace() + ":session");
    sessions.setDatabase(redis.getDatabase());
    return sessions;
  }

  /** What the application uses: the Redis store, writing the last access time in steps. */
  @Bean
  @Primary
  CoarseLastAccessSessionRepository<RedisIndexedSessionRepository.RedisSession> coarseSessionRepository(
      RedisIndexedSessionRepository sessions, SessionNearCache cache) {
    return new CoarseLastAccessSessionRepository<>(sessions, cache::forget);
  }

  /** Where Spring Session keeps a session's hash: {@code <namespace>:session:sessions:<id>}. */
  static String sessionKeyPrefix(RedisProperties properties) {
    return properties.namespace() + ":session:sessions:";
  }

  @Bean
  FilterRegistrationBean<SavedSessionReuseFilter> savedSessionReuseFilter(
      CoarseLastAccessSessionRepository<?> sessions) {
    FilterRegistrationBean<SavedSessionReuseFilter> registration =
        new FilterRegistrationBean<>(new SavedSessionReuseFilter(sessions));
    registration.setOrder(SessionRepositoryFilter.DEFAULT_ORDER - 2);
    return registration;
  }

  /**
   * Redis tells the repository when a session expires, so that it leaves the user's index.
   * Turning those notifications on needs {@code CONFIG SET}; where the Redis service forbids
   * it, the operator sets {@code notify-keyspace-events Egx} and this only logs a warning.
   */
  @Bean
  RedisSubscription sessionEventsListener(LettuceConnectionFactory redis, RedisIndexedSessionRepository sessions) {
    enableKeyspaceNotifications(redis);
    return new RedisSubscription("session expiry events", redis, sessions,
        List.of(new ChannelTopic(sessions.getSessionDeletedChannel()),
            new ChannelTopic(sessions.getSessionExpiredChannel()),
            new PatternTopic(sessions.getSessionCreatedChannelPrefix() + "*")));
  }

  private static void enableKeyspaceNotifications(LettuceConnectionFactory redis) {
    try (RedisConnection connection = redis.getConnection()) {
      new ConfigureNotifyKeyspaceEventsAction().configure(connection);
    } catch (DataAccessException | IllegalStateException e) {
      log.warn("Could not turn on Redis keyspace notifications for sessions (strongroom.redis.url): {}. "
          + "Sessions still work; set 'notify-keyspace-events Egx' in Redis so that expired sessions leave "
          + "the per-user index promptly.", e.getMessage());
    }
  }

  private static RedisTemplate<String, Object> template(LettuceConnectionFactory redis,
      RedisTemplate<String, Object> template) {
    RedisSerializer<Object> values = SessionValueSerializer.forSessions(RedisSessionConfiguration.class.getClassLoader());
    template.setKeySerializer(RedisSerializer.string());
    template.setHashKeySerializer(RedisSerializer.string());
    template.setDefaultSerializer(values);
    template.setConnectionFactory(redis);
    template.afterPropertiesSet();
    return template;
  }
}
