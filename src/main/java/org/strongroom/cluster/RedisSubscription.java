package org.strongroom.cluster;

import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.concurrent.ExecutorService;
import java.util.concurrent.Executors;
import java.util.concurrent.RejectedExecutionException;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.RedisChannelHandler;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisConnectionStateListener;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.pubsub.RedisPubSubAdapter;
import io.lettuce.core.pubsub.StatefulRedisPubSubConnection;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.SmartLifecycle;
import org.springframework.data.redis.connection.DefaultMessage;
import org.springframework.data.redis.connection.MessageListener;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.PatternTopic;
import org.springframework.data.redis.listener.Topic;

/**
 * A Redis subscription (channels and patterns, one listener) that neither stops the server from
 * starting while Redis is away nor stops it from shutting down, whatever Redis does.
 *
 * <p>It holds one Lettuce pub/sub connection of its own. The first subscription is tried when
 * the context starts, then every {@link #RETRY} in one background thread until Redis answers;
 * once subscribed, Lettuce reconnects and subscribes again by itself after a lost connection.
 * Every step is bounded by the connection's command timeout and gives way to an interrupt, so
 * {@link #stop()} ends within {@link #STOP_WAIT} plus that timeout.
 *
 * <p>Spring Data Redis's {@code RedisMessageListenerContainer} is not used: its recovery from a
 * failed subscription runs on the thread that asked to subscribe, holding the subscriber's lock,
 * and after its pause starts again without checking whether the container is being stopped. A
 * {@code stop()} that arrived meanwhile takes the container to "unsubscribing" and waits for that
 * lock, while the recovery waits, holding it, for the unsubscription to finish: both wait for good.
 * Messages go to the listener on a thread of this subscription, never on Lettuce's event loop,
 * since listeners may call Redis themselves.
 *
 * <p>A {@link Watcher}, where given, hears when the subscription is in place (at first and after
 * every reconnection) and when its connection is lost or closed: messages sent in between are
 * lost for good, so whoever relies on them to keep a cache right must stop trusting it then.
 */
public final class RedisSubscription implements SmartLifecycle {

  static final Duration RETRY = Duration.ofSeconds(2);
  static final Duration STOP_WAIT = Duration.ofSeconds(5);
  private static final Logger log = LoggerFactory.getLogger(RedisSubscription.class);

  /** Told on Lettuce's threads, so it must only note the change and return. */
  public interface Watcher {
    /** Subscribed (again): messages from now on arrive. */
    void subscribed();

    /** The connection is lost or closed: messages from now on are lost until {@link #subscribed()}. */
    void lost();
  }

  private static final Watcher NOBODY = new Watcher() {
    @Override
    public void subscribed() {
    }

    @Override
    public void lost() {
    }
  };

  private final String purpose;
  private final LettuceConnectionFactory redis;
  private final MessageListener listener;
  private final Watcher watcher;
  private final byte[][] channels;
  private final byte[][] patterns;
  private final Object lock = new Object();
  private boolean running; // guarded by lock
  private StatefulRedisPubSubConnection<byte[], byte[]> connection; // guarded by lock
  private Thread retry; // guarded by lock
  private ExecutorService dispatch; // guarded by lock
  private volatile int attempts;

  /**
   * @param purpose  what the messages are for, in log lines ("revocation messages")
   * @param topics   {@link ChannelTopic}s and {@link PatternTopic}s
   */
  public RedisSubscription(String purpose, LettuceConnectionFactory redis, MessageListener listener,
      List<? extends Topic> topics) {
    this(purpose, redis, listener, topics, NOBODY);
  }

  /** As above, with a {@link Watcher} told when the subscription is in place and when it is lost. */
  public RedisSubscription(String purpose, LettuceConnectionFactory redis, MessageListener listener,
      List<? extends Topic> topics, Watcher watcher) {
    this.purpose = purpose;
    this.watcher = watcher;
    this.redis = redis;
    this.listener = listener;
    List<byte[]> channelNames = new ArrayList<>();
    List<byte[]> patternNames = new ArrayList<>();
    for (Topic topic : topics) {
      byte[] name = topic.getTopic().getBytes(java.nio.charset.StandardCharsets.UTF_8);
      if (topic instanceof PatternTopic) {
        patternNames.add(name);
      } else if (topic instanceof ChannelTopic) {
        channelNames.add(name);
      } else {
        throw new IllegalArgumentException("Unknown topic type " + topic.getClass().getName());
      }
    }
    this.channels = channelNames.toArray(new byte[0][]);
    this.patterns = patternNames.toArray(new byte[0][]);
  }

  @Override
  public void start() {
    synchronized (lock) {
      if (running) {
        return;
      }
      running = true;
      dispatch = Executors.newSingleThreadExecutor(runnable -> {
        Thread thread = new Thread(runnable, "redis-messages");
        thread.setDaemon(true);
        return thread;
      });
    }
    String failure = subscribe();
    if (failure == null) {
      return;
    }
    log.warn("Redis (strongroom.redis.url) does not answer; {} start when it does: {}", purpose, failure);
    synchronized (lock) {
      if (running && connection == null) {
        retry = new Thread(this::retry, "redis-subscribe-retry");
        retry.setDaemon(true);
        retry.start();
      }
    }
  }

  private void retry() {
    while (isRunning()) {
      try {
        Thread.sleep(RETRY.toMillis());
      } catch (InterruptedException stopping) {
        return;
      }
      if (isRunning() && subscribe() == null) {
        log.info("Redis answers again; {} started", purpose);
        return;
      }
    }
  }

  /** Connects and subscribes; null when subscribed (or stopped meanwhile), else why not. */
  private String subscribe() {
    StatefulRedisPubSubConnection<byte[], byte[]> opened = null;
    attempts++; // only ever one thread at a time: start(), then the retry thread
    try {
      opened = ((RedisClient) redis.getRequiredNativeClient()).connectPubSub(ByteArrayCodec.INSTANCE);
      opened.addListener(new Dispatcher());
      StatefulRedisPubSubConnection<byte[], byte[]> candidate = opened;
      opened.addListener(new RedisConnectionStateListener() {
        @Override
        public void onRedisDisconnected(RedisChannelHandler<?, ?> handler) {
          // A connection closed by stop() may say so after a new one has subscribed: not news.
          if (current(candidate)) {
            watcher.lost();
          }
        }
      });
      if (channels.length > 0) {
        opened.sync().subscribe(channels);
      }
      if (patterns.length > 0) {
        opened.sync().psubscribe(patterns);
      }
      boolean kept;
      synchronized (lock) {
        kept = running;
        if (kept) {
          connection = opened;
          opened = null;
        }
      }
      if (!kept) {
        watcher.lost(); // stopped meanwhile: whatever "subscribed" said, it is closed now
      }
      return null;
    } catch (RuntimeException e) { // RedisException mostly; anything else must not end the retries either
      watcher.lost();
      return e.getMessage();
    } finally {
      if (opened != null) {
        opened.closeAsync();
      }
    }
  }

  @Override
  public void stop() {
    Thread retrying;
    StatefulRedisPubSubConnection<byte[], byte[]> open;
    ExecutorService messages;
    synchronized (lock) {
      if (!running) {
        return;
      }
      running = false;
      retrying = retry;
      retry = null;
      open = connection;
      connection = null;
      messages = dispatch;
      dispatch = null;
    }
    watcher.lost();
    if (retrying != null) {
      retrying.interrupt();
      try {
        retrying.join(STOP_WAIT.toMillis());
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      }
    }
    if (open != null) {
      try {
        open.closeAsync().get(STOP_WAIT.toMillis(), TimeUnit.MILLISECONDS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
      } catch (Exception e) {
        log.debug("Closing the subscription for {}: {}", purpose, e.getMessage());
      }
    }
    messages.shutdown();
  }

  @Override
  public boolean isRunning() {
    synchronized (lock) {
      return running;
    }
  }

  /** Whether this is the subscription's connection (not one closed by stop() or being made). */
  private boolean current(StatefulRedisPubSubConnection<byte[], byte[]> candidate) {
    synchronized (lock) {
      return running && connection == candidate;
    }
  }

  /** Whether the subscription is in place (for tests): a connection, open or reconnecting. */
  boolean subscribed() {
    synchronized (lock) {
      return connection != null;
    }
  }

  /** How many times a subscription was tried (for tests). */
  int attempts() {
    return attempts;
  }

  /** Whether the background retry is still trying (for tests). */
  boolean retrying() {
    synchronized (lock) {
      return retry != null && retry.isAlive();
    }
  }

  /** Passes each message to the listener on this subscription's own thread. */
  private final class Dispatcher extends RedisPubSubAdapter<byte[], byte[]> {

    @Override
    public void subscribed(byte[] channel, long count) {
      watcher.subscribed();
    }

    @Override
    public void psubscribed(byte[] pattern, long count) {
      watcher.subscribed();
    }

    @Override
    public void message(byte[] channel, byte[] message) {
      deliver(channel, message, null);
    }

    @Override
    public void message(byte[] pattern, byte[] channel, byte[] message) {
      deliver(channel, message, pattern);
    }

    private void deliver(byte[] channel, byte[] body, byte[] pattern) {
      ExecutorService messages;
      synchronized (lock) {
        messages = dispatch;
      }
      if (messages == null) {
        return;
      }
      try {
        messages.execute(() -> {
          try {
            listener.onMessage(new DefaultMessage(channel, body), pattern);
          } catch (RuntimeException e) {
            log.warn("A Redis message for {} could not be handled: {}", purpose, e.toString());
          }
        });
      } catch (RejectedExecutionException stopping) {
        // Stopped meanwhile: the message is dropped, as it would be a moment later.
      }
    }
  }
}
