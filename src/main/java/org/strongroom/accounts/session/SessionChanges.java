package org.strongroom.accounts.session;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.Arrays;
import java.util.Map;
import java.util.UUID;
import java.util.concurrent.Executors;
import java.util.concurrent.ScheduledExecutorService;
import java.util.concurrent.TimeUnit;
import java.util.function.LongSupplier;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import io.lettuce.core.LettuceFutures;
import io.lettuce.core.api.async.BaseRedisAsyncCommands;
import org.springframework.context.SmartLifecycle;
import org.springframework.dao.DataAccessException;
import org.springframework.data.redis.core.RedisCallback;
import org.springframework.data.redis.core.StringRedisTemplate;

/**
 * The Redis channel {@code <strongroom.redis.namespace>:session-changes} that keeps every
 * instance's {@link SessionNearCache} right. An instance that writes or deletes a session
 * (signed in or out, a second factor or sudo mode confirmed, a CSRF token issued, the id
 * changed, the last access time moved a step, ended from the session list or by a superuser)
 * forgets its own copy, then sends {@code changed:<session id>}, after the write reached Redis
 * and before the request that made it answers; every instance forgets its copy when the message
 * arrives. Every {@link #HEARTBEAT} each instance also sends {@code beat:<instance>:<time>} and
 * uses its copies only while its own heartbeats come back, and while every instance takes part:
 * as many listen on this channel as on the revocations channel, to which every instance of any
 * version listens (an older instance, during a rolling upgrade, would change sessions without
 * saying so). The messages carry session ids only:
 * an id is what the session's Redis key is made of, already readable by anyone who can
 * subscribe to that Redis.
 */
final class SessionChanges implements SmartLifecycle {

  static final Duration HEARTBEAT = Duration.ofMillis(250);
  private static final Logger log = LoggerFactory.getLogger(SessionChanges.class);
  private static final String CHANGED = "changed:";
  private static final String BEAT = "beat:";

  private final StringRedisTemplate redis;
  private final String channel;
  private final byte[] channelName;
  private final byte[] everyInstanceChannel;
  private final SessionNearCache cache;
  private final LongSupplier nanos;
  private final String instance = UUID.randomUUID().toString();
  private final Object lock = new Object();
  private ScheduledExecutorService heartbeats; // guarded by lock

  /**
   * @param everyInstanceChannel a channel to which every instance listens, whatever its version
   */
  SessionChanges(StringRedisTemplate redis, String namespace, String everyInstanceChannel, SessionNearCache cache,
      LongSupplier nanos) {
    this.redis = redis;
    this.channel = channel(namespace);
    this.channelName = channel.getBytes(StandardCharsets.UTF_8);
    this.everyInstanceChannel = everyInstanceChannel.getBytes(StandardCharsets.UTF_8);
    this.cache = cache;
    this.nanos = nanos;
  }

  static String channel(String namespace) {
    return namespace + ":session-changes";
  }

  /** The session was written or deleted here: forget it here, then tell every instance. */
  void changed(String sessionId) {
    cache.forget(sessionId);
    try {
      redis.convertAndSend(channel, CHANGED + sessionId);
    } catch (DataAccessException e) {
      log.warn("A session change could not be announced to the other instances through Redis "
          + "(strongroom.redis.url): {}; they use their copy of it for at most {} s more", e.getMessage(),
          SessionNearCache.MAX_AGE.toSeconds());
    }
  }

  /** A message on the channel, from any instance (this one included). */
  void received(byte[] body) {
    String message = new String(body, StandardCharsets.UTF_8);
    if (message.startsWith(CHANGED)) {
      cache.forget(message.substring(CHANGED.length()));
    } else if (message.startsWith(BEAT + instance + ":")) {
      try {
        cache.heard(Long.parseLong(message.substring(BEAT.length() + instance.length() + 1)));
      } catch (NumberFormatException e) {
        log.warn("Ignored a malformed message on the session changes channel");
      }
    }
  }

  private void beat() {
    try {
      redis.convertAndSend(channel, BEAT + instance + ":" + nanos.getAsLong());
      cache.everyInstanceListens(everyInstanceListens());
    } catch (RuntimeException e) {
      // Redis away: the copies stop being used once the last heartbeat is TRUST old; the outage
      // is logged once by the connection's own events (RedisOutageLog).
      log.debug("Session changes heartbeat not sent: {}", e.getMessage());
    }
  }

  /** Whether at least as many listen on this channel as on the one every instance listens to. */
  @SuppressWarnings("unchecked")
  private boolean everyInstanceListens() {
    Map<byte[], Long> listeners = redis.execute((RedisCallback<Map<byte[], Long>>) connection ->
        LettuceFutures.awaitOrCancel(((BaseRedisAsyncCommands<byte[], byte[]>) connection.getNativeConnection())
            .pubsubNumsub(channelName, everyInstanceChannel), 2, TimeUnit.SECONDS));
    long here = 0;
    long everyone = 0;
    for (Map.Entry<byte[], Long> count : listeners.entrySet()) {
      if (Arrays.equals(count.getKey(), channelName)) {
        here = count.getValue();
      } else if (Arrays.equals(count.getKey(), everyInstanceChannel)) {
        everyone = count.getValue();
      }
    }
    return here >= everyone;
  }

  @Override
  public void start() {
    synchronized (lock) {
      if (heartbeats != null) {
        return;
      }
      heartbeats = Executors.newSingleThreadScheduledExecutor(runnable -> {
        Thread thread = new Thread(runnable, "session-changes-heartbeat");
        thread.setDaemon(true);
        return thread;
      });
      heartbeats.scheduleWithFixedDelay(this::beat, 0, HEARTBEAT.toMillis(), TimeUnit.MILLISECONDS);
    }
  }

  @Override
  public void stop() {
    synchronized (lock) {
      if (heartbeats != null) {
        heartbeats.shutdownNow();
        heartbeats = null;
      }
    }
  }

  @Override
  public boolean isRunning() {
    synchronized (lock) {
      return heartbeats != null;
    }
  }
}
