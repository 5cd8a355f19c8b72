package org.strongroom.cluster;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.data.redis.listener.RedisMessageListenerContainer;

/**
 * A Redis subscription that does not stop the server from starting when Redis is away: the
 * first subscription is retried every {@link #RETRY_MILLIS} ms in the background until Redis
 * answers. (Once subscribed, Spring Data Redis itself re-subscribes after a lost connection.)
 */
public class ResilientListenerContainer extends RedisMessageListenerContainer {

  static final long RETRY_MILLIS = 2_000;
  private static final Logger log = LoggerFactory.getLogger(ResilientListenerContainer.class);

  private final String purpose;
  private volatile boolean closed;

  public ResilientListenerContainer(String purpose) {
    this.purpose = purpose;
  }

  @Override
  public void start() {
    try {
      super.start();
    } catch (RuntimeException e) {
      log.warn("Redis (strongroom.redis.url) does not answer; {} starts when it does: {}", purpose, e.getMessage());
      super.stop();
      Thread retry = new Thread(this::retry, "redis-subscribe-retry");
      retry.setDaemon(true);
      retry.start();
    }
  }

  private void retry() {
    while (!closed) {
      try {
        Thread.sleep(RETRY_MILLIS);
      } catch (InterruptedException e) {
        Thread.currentThread().interrupt();
        return;
      }
      if (closed) {
        return;
      }
      try {
        super.start();
        log.info("Redis answers again; {} started", purpose);
        return;
      } catch (RuntimeException stillAway) {
        super.stop();
      }
    }
  }

  @Override
  public void stop() {
    closed = true;
    super.stop();
  }

  @Override
  public void destroy() throws Exception {
    closed = true;
    super.destroy();
  }
}
