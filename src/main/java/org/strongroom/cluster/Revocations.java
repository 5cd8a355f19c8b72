package org.strongroom.cluster;

import java.nio.charset.StandardCharsets;
import java.util.Locale;

import io.micrometer.core.instrument.MeterRegistry;
import io.micrometer.core.instrument.simple.SimpleMeterRegistry;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.stereotype.Component;
import org.springframework.transaction.support.TransactionSynchronization;
import org.springframework.transaction.support.TransactionSynchronizationManager;

/**
 * Tells every instance that a token or a user's rights changed, so that their caches forget
 * it now rather than when their entries expire (at most a second later): on this instance as
 * an application event, on the others through Redis pub/sub on the channel
 * {@code <namespace>:revocations}. Sent after the change commits, so that no instance reloads
 * the old row in between. Without Redis, or while it is away, the caches' own expiry is the bound.
 * Messages received are counted, {@code strongroom_revocations_received_total{kind}}, so that a
 * measurement can tell a refusal the message brought from one the cache's expiry brought.
 */
@Component
public class Revocations {

  private static final Logger log = LoggerFactory.getLogger(Revocations.class);

  private final ApplicationEventPublisher events;
  private final ObjectProvider<StringRedisTemplate> redis;
  private final String channel;
  private final MeterRegistry meters;

  Revocations(ApplicationEventPublisher events, ObjectProvider<StringRedisTemplate> redis, RedisProperties properties,
      ObjectProvider<MeterRegistry> meters) {
    this.events = events;
    this.redis = redis;
    this.channel = channel(properties);
    this.meters = meters.getIfAvailable(SimpleMeterRegistry::new);
    for (Revocation.Kind kind : Revocation.Kind.values()) {
      received(kind);
    }
  }

  private io.micrometer.core.instrument.Counter received(Revocation.Kind kind) {
    return meters.counter("strongroom.revocations.received", "kind", kind.name().toLowerCase(Locale.ROOT));
  }

  /** The channel every instance subscribes to (also how {@code accounts.session} tells how many instances run). */
  public static String channel(RedisProperties properties) {
    return properties.namespace() + ":revocations";
  }

  public void announce(Revocation revocation) {
    if (TransactionSynchronizationManager.isSynchronizationActive()) {
      TransactionSynchronizationManager.registerSynchronization(new TransactionSynchronization() {
        @Override
        public void afterCommit() {
          send(revocation);
        }
      });
    } else {
      send(revocation);
    }
  }

  private void send(Revocation revocation) {
    events.publishEvent(revocation);
    redis.ifAvailable(template -> {
      try {
        template.convertAndSend(channel, revocation.message());
      } catch (DataAccessException e) {
        log.warn("A revocation could not be sent to the other instances through Redis (strongroom.redis.url): {}; "
            + "they see it when their cached entry expires (at most a second)", e.getMessage());
      }
    });
  }

  /** A message from another instance (or this one), announced here as an application event. */
  void received(byte[] body) {
    try {
      Revocation revocation = Revocation.parse(new String(body, StandardCharsets.UTF_8));
      // Counted before the caches forget it: a refusal seen after the count moved rests on the message.
      received(revocation.kind()).increment();
      events.publishEvent(revocation);
    } catch (IllegalArgumentException e) {
      log.warn("Ignored a malformed message on the revocations channel");
    }
  }
}
