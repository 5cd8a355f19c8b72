package org.strongroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;
import static org.junit.jupiter.api.Assertions.assertTimeoutPreemptively;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.ArrayList;
import java.util.List;
import java.util.UUID;
import java.util.concurrent.CopyOnWriteArrayList;

import io.lettuce.core.RedisClient;
import io.lettuce.core.api.StatefulRedisConnection;
import io.lettuce.core.resource.ClientResources;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.data.redis.connection.lettuce.LettuceConnectionFactory;
import org.springframework.data.redis.core.StringRedisTemplate;
import org.springframework.data.redis.listener.ChannelTopic;
import org.springframework.data.redis.listener.PatternTopic;
import org.strongroom.support.Eventually;
import org.strongroom.support.RequiresRedis;
import org.strongroom.support.TcpForwarder;

/**
 * The subscriptions behind revocations and session events, against the real Redis behind a TCP
 * forwarder that plays its outages: stopping ends whether Redis is up, away, hung or coming back
 * (closing a server once hung for good in Spring Data Redis's listener container, which this
 * replaced: its recovery held the subscriber's lock while waiting for the unsubscription that
 * the stop could not finish without that lock); and messages arrive again once Redis is back,
 * without a restart.
 */
@RequiresRedis
class RedisSubscriptionIntegrationTests {

  /** Far above the bound the class promises, so that only a hang fails. */
  static final Duration STOP_BOUND = Duration.ofSeconds(30);
  static final Duration PATIENCE = Duration.ofSeconds(60);

  final String channel = "test-subscription-" + UUID.randomUUID();
  final List<String> received = new CopyOnWriteArrayList<>();
  final List<LettuceConnectionFactory> factories = new ArrayList<>();
  final List<ClientResources> resources = new ArrayList<>();
  TcpForwarder forwarder;
  StringRedisTemplate direct;

  @BeforeEach
  void forwarder() throws Exception {
    forwarder = new TcpForwarder(RequiresRedis.HOST, RequiresRedis.PORT);
    direct = new StringRedisTemplate(factory(RequiresRedis.PORT));
  }

  @AfterEach
  void close() throws Exception {
    forwarder.close();
    factories.forEach(LettuceConnectionFactory::destroy);
    resources.forEach(ClientResources::shutdown);
  }

  @Test
  void stopEndsWhileTheFirstSubscriptionIsRetriedAndTheSharedConnectionIsReconnecting() throws Exception {
    // The hang: the server's shared connection had connected once, Redis went away, and a
    // subscription attempt entered the container's recovery just before the server closed.
    LettuceConnectionFactory redis = factory(forwarder.port());
    new StringRedisTemplate(redis).opsForValue().get("warm-up");
    forwarder.cut();
    RedisSubscription subscription = subscription(redis);
    subscription.start();
    assertThat(subscription.retrying()).isTrue();
    Eventually.until(PATIENCE, "a retry while Redis is away", () -> subscription.attempts() >= 2);
    stopWithinBound(subscription);
    assertThat(subscription.retrying()).isFalse();
  }

  @Test
  void aSubscriptionStartedWhileRedisIsAwayReceivesOnceItIsBack() throws Exception {
    forwarder.cut();
    RedisSubscription subscription = subscription(factory(forwarder.port()));
    subscription.start();
    assertThat(subscription.isRunning()).isTrue();
    assertThat(subscription.subscribed()).isFalse();
    forwarder.restore();
    Eventually.until(PATIENCE, "subscribed once Redis is back", subscription::subscribed);
    assertReceives("after the outage");
    stopWithinBound(subscription);
    assertNoSubscriberLeft();
  }

  @Test
  void aSubscriptionSurvivesAnOutageAndStopsWhileRedisIsAway() throws Exception {
    RedisSubscription subscription = subscription(factory(forwarder.port()));
    subscription.start();
    assertThat(subscription.subscribed()).isTrue();
    assertReceives("before the outage");

    forwarder.cut();
    forwarder.restore();
    assertReceives("after Redis came back");

    forwarder.cut();
    stopWithinBound(subscription);
    forwarder.restore();
    assertNoSubscriberLeft();
  }

  @Test
  void stopEndsWhileRedisHangs() throws Exception {
    LettuceConnectionFactory redis = factory(forwarder.port());
    RedisSubscription running = subscription(redis);
    running.start();
    forwarder.freeze();
    RedisSubscription starting = subscription(redis);
    starting.start(); // its first attempt waits for a handshake that never comes, then retries
    assertThat(starting.subscribed()).isFalse();
    stopWithinBound(starting);
    stopWithinBound(running);
    forwarder.thaw();
  }

  @Test
  void stopEndsWhileRedisComesBackAndLeavesNoSubscription() throws Exception {
    forwarder.cut();
    RedisSubscription subscription = subscription(factory(forwarder.port()));
    subscription.start();
    forwarder.restore();
    stopWithinBound(subscription); // races the retry that finds Redis back
    assertThat(subscription.subscribed()).isFalse();
    assertNoSubscriberLeft();
  }

  @Test
  void patternsAndChannelsBothReachTheListener() throws Exception {
    List<String> patterns = new CopyOnWriteArrayList<>();
    RedisSubscription subscription = new RedisSubscription("test messages", factory(forwarder.port()),
        (message, pattern) -> patterns.add(new String(message.getChannel(), StandardCharsets.UTF_8) + " "
            + (pattern == null ? "-" : new String(pattern, StandardCharsets.UTF_8))),
        List.of(new ChannelTopic(channel), new PatternTopic(channel + ":p:*")));
    subscription.start();
    try {
      direct.convertAndSend(channel, "plain");
      direct.convertAndSend(channel + ":p:one", "matched");
      Eventually.until(PATIENCE, "both messages", () -> patterns.size() >= 2);
      assertThat(patterns).containsExactlyInAnyOrder(channel + " -", channel + ":p:one " + channel + ":p:*");
    } finally {
      stopWithinBound(subscription);
    }
  }

  private RedisSubscription subscription(LettuceConnectionFactory redis) {
    return new RedisSubscription("test messages", redis,
        (message, pattern) -> received.add(new String(message.getBody(), StandardCharsets.UTF_8)),
        List.of(new ChannelTopic(channel)));
  }

  /** Publishes (again and again: a message sent before the subscription is in place is lost) until it arrives. */
  private void assertReceives(String text) {
    Eventually.until(PATIENCE, "the message '" + text + "'", () -> {
      direct.convertAndSend(channel, text);
      return received.contains(text);
    });
  }

  private void assertNoSubscriberLeft() {
    RedisClient client = (RedisClient) factories.get(0).getRequiredNativeClient();
    try (StatefulRedisConnection<String, String> connection = client.connect()) {
      Eventually.until(PATIENCE, "no subscriber left on " + channel,
          () -> connection.sync().pubsubNumsub(channel).get(channel) == 0);
    }
  }

  private static void stopWithinBound(RedisSubscription subscription) {
    assertTimeoutPreemptively(STOP_BOUND, () -> subscription.stop(), "stopping the subscription hung");
    assertThat(subscription.isRunning()).isFalse();
  }

  /** A connection factory made exactly as the server makes it. */
  private LettuceConnectionFactory factory(int port) {
    ClusterConfiguration configuration = new ClusterConfiguration();
    ClientResources clientResources = configuration.clusterRedisClientResources(new RedisOutageLog());
    resources.add(clientResources);
    LettuceConnectionFactory factory = configuration
        .clusterRedisConnectionFactory(new RedisProperties("redis://127.0.0.1:" + port, "test"), clientResources);
    factory.afterPropertiesSet();
    factory.start();
    factories.add(factory);
    return factory;
  }
}
