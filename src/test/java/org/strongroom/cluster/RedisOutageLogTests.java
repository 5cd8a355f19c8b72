package org.strongroom.cluster;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;
import java.util.List;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessResourceFailureException;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.strongroom.support.MutableClock;

/**
 * An outage of many failed requests is logged as one line when it begins, one per minute while
 * it lasts and one when it ends, without stack traces; only Redis's own failures count as one.
 */
class RedisOutageLogTests {

  final MutableClock clock = new MutableClock();
  final RedisOutageLog outage = new RedisOutageLog(clock);
  // Read from the logger itself, not the console: a command line run earlier in the same JVM
  // may have turned the console appender's threshold to OFF.
  final Logger logger = (Logger) LoggerFactory.getLogger(RedisOutageLog.class);
  final ListAppender<ILoggingEvent> output = new ListAppender<>();

  @BeforeEach
  void listen() {
    output.start();
    logger.addAppender(output);
  }

  @AfterEach
  void stopListening() {
    logger.detachAppender(output);
  }

  @Test
  void oneLineWhenItBeginsOneAMinuteAndOneWhenItEnds() {
    RedisConnectionFailureException refused = new RedisConnectionFailureException("Unable to connect to Redis");
    for (int i = 0; i < 100; i++) {
      outage.unreachable(refused);
      clock.advance(Duration.ofMillis(500)); // 50 s in all
    }
    assertThat(lines(output)).singleElement().asString()
        .contains("Redis (strongroom.redis.url) cannot be reached: Unable to connect to Redis");

    for (int i = 0; i < 30; i++) {
      outage.unreachable(refused);
      clock.advance(Duration.ofMillis(500));
    }
    assertThat(lines(output)).hasSize(2);
    assertThat(lines(output).get(1)).contains("still cannot be reached, for 60 s now: 121 requests failed in the last 60 s");

    outage.reachable();
    outage.reachable();
    assertThat(lines(output)).hasSize(3);
    assertThat(lines(output).get(2)).contains("answers again after 65 s; 130 requests failed meanwhile");
    assertThat(output.list).allMatch(event -> event.getThrowableProxy() == null);

    outage.reconnectFailed(refused);
    assertThat(lines(output)).hasSize(4);
  }

  @Test
  void onlyRedisFailuresCountAsItsOutage() {
    assertThat(RedisOutageLog.isUnreachable(new RedisConnectionFailureException("refused"))).isTrue();
    assertThat(RedisOutageLog.isUnreachable(new QueryTimeoutException("Redis command timed out",
        new io.lettuce.core.RedisCommandTimeoutException("timed out")))).isTrue();
    assertThat(RedisOutageLog.isUnreachable(new IllegalStateException("rendering",
        new RedisConnectionFailureException("refused")))).isTrue();
    // A database's timeouts and failures are its own.
    assertThat(RedisOutageLog.isUnreachable(new QueryTimeoutException("statement timed out"))).isFalse();
    assertThat(RedisOutageLog.isUnreachable(new DataAccessResourceFailureException("PostgreSQL away"))).isFalse();
  }

  private static List<String> lines(ListAppender<ILoggingEvent> output) {
    return output.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
  }
}
