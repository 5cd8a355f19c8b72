package org.strongroom.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.api.async.RedisAsyncCommands;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

/**
 * The rate limiter's connection to Redis. Commands time out after {@link #COMMAND_TIMEOUT}
 * and are refused at once while the connection is down (instead of queueing). Lettuce
 * reconnects by itself; when Redis was down at start-up, the first connection is tried again
 * here, at most once per {@link #CONNECT_RETRY}, and each try in between is refused at once.
 */
final class RedisLink implements AutoCloseable {

  static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration CONNECT_RETRY = Duration.ofSeconds(1);

  private final ClientResources resources;
  private final RedisClient client;
  private volatile StatefulRedisConnection<String, String> connection;
  private volatile RedisAsyncCommands<String, String> commands;
  private volatile Instant nextConnectAttempt = Instant.MIN;

  RedisLink(String url) {
    RedisURI uri = RedisURI.create(url);
    uri.setTimeout(COMMAND_TIMEOUT);
    this.resources = ClientResources.builder()
        .reconnectDelay(Delay.exponential(Duration.ofMillis(50), Duration.ofSeconds(1), 2, TimeUnit.MILLISECONDS))
        .build();
    this.client = RedisClient.create(resources, uri);
    client.setOptions(ClientOptions.builder()
        .autoReconnect(true)
        .disconnectedBehavior(ClientOptions.DisconnectedBehavior.REJECT_COMMANDS)
        .timeoutOptions(TimeoutOptions.enabled(COMMAND_TIMEOUT))
        .build());
  }

  /** The commands of the connection, connecting first if there is none yet. */
  RedisAsyncCommands<String, String> commands() {
    RedisAsyncCommands<String, String> current = commands;
    return current != null ? current : connect();
  }

  private synchronized RedisAsyncCommands<String, String> connect() {
    if (commands != null) {
      return commands;
    }
    if (Instant.now().isBefore(nextConnectAttempt)) {
      throw new IllegalStateException("Redis is unreachable (next connection attempt in under "
          + CONNECT_RETRY.toMillis() + " ms)");
    }
    nextConnectAttempt = Instant.now().plus(CONNECT_RETRY);
    connection = client.connect();
    commands = connection.async();
    return commands;
  }

  @Override
  public void close() {
    StatefulRedisConnection<String, String> open = connection;
    if (open != null) {
      open.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
