package org.strongroom.ratelimit;

import java.time.Duration;
import java.time.Instant;
import java.util.concurrent.TimeUnit;

import io.github.bucket4j.Bucket;
import io.github.bucket4j.TokensInheritanceStrategy;
import io.github.bucket4j.distributed.ExpirationAfterWriteStrategy;
import io.github.bucket4j.distributed.proxy.ProxyManager;
import io.github.bucket4j.distributed.proxy.optimization.Optimizations;
import io.github.bucket4j.redis.lettuce.Bucket4jLettuce;
import io.lettuce.core.ClientOptions;
import io.lettuce.core.RedisClient;
import io.lettuce.core.RedisURI;
import io.lettuce.core.TimeoutOptions;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.codec.ByteArrayCodec;
import io.lettuce.core.codec.RedisCodec;
import io.lettuce.core.codec.StringCodec;
import io.lettuce.core.resource.ClientResources;
import io.lettuce.core.resource.Delay;

/**
 * Buckets in Redis through Bucket4j's Lettuce proxy manager (compare-and-swap), so that every
 * instance sharing the Redis counts one quota. Each key's bucket handle is kept (in a bounded
 * {@link BucketTable}) with Bucket4j's batching optimisation: concurrent requests of one caller
 * on this instance share one compare-and-swap round trip instead of racing each other's
 * (a lost race costs another two round trips). The count stays exact: every request is still
 * applied in Redis before it is answered. Commands time out quickly and are refused at
 * once while the connection is down (instead of queueing), so that an outage costs a request
 * {@link #COMMAND_TIMEOUT} at most; Lettuce reconnects by itself, and when Redis was down at
 * start-up the first connection is retried here, at most once per {@link #CONNECT_RETRY}.
 */
final class RedisBucketStore implements BucketStore, AutoCloseable {

  static final String KEY_PREFIX = "strongroom:ratelimit:";
  private static final Duration COMMAND_TIMEOUT = Duration.ofSeconds(1);
  private static final Duration CONNECT_RETRY = Duration.ofSeconds(1);
  /** A full bucket is the same as no bucket: keys expire this long after they have refilled. */
  private static final Duration KEEP_AFTER_REFILL = Duration.ofSeconds(10);

  private final BucketTable handles;
  private final ClientResources resources;
  private final RedisClient client;
  private volatile StatefulRedisConnection<String, byte[]> connection;
  private volatile ProxyManager<String> buckets;
  private volatile Instant nextConnectAttempt = Instant.MIN;

  RedisBucketStore(String url, int maxKeys) {
    this.handles = new BucketTable(maxKeys);
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

  @Override
  public Bucket bucket(String key, Limits limits) {
    ProxyManager<String> manager = proxyManager();
    // A new version makes Bucket4j move the stored bucket to the changed configuration (an
    // operator edited the bands, or a superuser set an override) instead of keeping the old one.
    return handles.get(key, limits, current -> handle(manager, key, current),
        (old, changed) -> handle(manager, key, changed));
  }

  private static Bucket handle(ProxyManager<String> manager, String key, Limits limits) {
    return manager.builder()
        .withImplicitConfigurationReplacement(limits.version(), TokensInheritanceStrategy.ADDITIVE)
        .withOptimization(Optimizations.batching())
        .build(KEY_PREFIX + key, limits::configuration);
  }

  @Override
  public boolean remote() {
    return true;
  }

  private ProxyManager<String> proxyManager() {
    ProxyManager<String> current = buckets;
    return current != null ? current : connect();
  }

  private synchronized ProxyManager<String> connect() {
    if (buckets != null) {
      return buckets;
    }
    if (Instant.now().isBefore(nextConnectAttempt)) {
      throw new IllegalStateException("Redis is unreachable (next connection attempt in under "
          + CONNECT_RETRY.toMillis() + " ms)");
    }
    nextConnectAttempt = Instant.now().plus(CONNECT_RETRY);
    connection = client.connect(RedisCodec.of(StringCodec.UTF8, ByteArrayCodec.INSTANCE));
    buckets = Bucket4jLettuce.casBasedBuilder(connection)
        .expirationAfterWrite(ExpirationAfterWriteStrategy.basedOnTimeForRefillingBucketUpToMax(KEEP_AFTER_REFILL))
        .build();
    return buckets;
  }

  @Override
  public void close() {
    StatefulRedisConnection<String, byte[]> open = connection;
    if (open != null) {
      open.close();
    }
    client.shutdown(Duration.ZERO, Duration.ofSeconds(2));
    resources.shutdown(0, 2, TimeUnit.SECONDS);
  }
}
