package org.strongroom.cluster;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import io.lettuce.core.RedisCommandTimeoutException;
import io.lettuce.core.RedisConnectionException;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationListener;
import org.springframework.context.event.ContextClosedEvent;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.stereotype.Component;

/**
 * The log of a Redis outage: one line when it begins, one a minute while it lasts (how many
 * requests it failed) and one when Redis answers again; never one line per request, never a
 * stack trace. The features that need Redis report their failures here instead of logging them,
 * and so does {@link RedisFailureLogFilter} for the libraries that would log a stack trace
 * (the template engine, whose page saved its session while rendering; Spring Session's cleanup
 * task). The beginning and the end also come from the Redis client's connection events, so an
 * outage is logged even while no request needs Redis.
 */
@Component
public class RedisOutageLog implements ApplicationListener<ContextClosedEvent> {

  static final Duration REPORT_EVERY = Duration.ofMinutes(1);
  private static final Logger log = LoggerFactory.getLogger(RedisOutageLog.class);

  private final Clock clock;
  private Instant since; // guarded by this; null while Redis answers
  private Instant lastReport; // guarded by this
  private long failures; // guarded by this: since the last report
  private long total; // guarded by this: since the outage began
  private volatile boolean closing;

  public RedisOutageLog() {
    this(Clock.systemUTC());
  }

  RedisOutageLog(Clock clock) {
    this.clock = clock;
  }

  /** A request or task failed because Redis could not be reached. */
  public void unreachable(Throwable cause) {
    count(cause, 1);
  }

  /** The client failed to reconnect: the outage begins if it had not, and no request is counted. */
  void reconnectFailed(Throwable cause) {
    count(cause, 0);
  }

  private synchronized void count(Throwable cause, int requests) {
    if (closing) {
      return;
    }
    Instant now = clock.instant();
    if (since == null) {
      since = now;
      lastReport = now;
      failures = requests;
      total = requests;
      log.warn("Redis (strongroom.redis.url) cannot be reached: {}. Until it answers, requests that need a session "
          + "answer 503 and sign-in is refused; failures are counted and reported once a minute", message(cause));
      return;
    }
    failures += requests;
    total += requests;
    if (!now.isBefore(lastReport.plus(REPORT_EVERY))) {
      log.warn("Redis (strongroom.redis.url) still cannot be reached, for {} s now: {} requests failed in the last "
          + "{} s ({})", Duration.between(since, now).toSeconds(), failures,
          Duration.between(lastReport, now).toSeconds(), message(cause));
      lastReport = now;
      failures = 0;
    }
  }

  /** Redis answered (a connection was made). */
  public synchronized void reachable() {
    if (since == null || closing) {
      return;
    }
    log.warn("Redis (strongroom.redis.url) answers again after {} s; {} requests failed meanwhile",
        Duration.between(since, clock.instant()).toSeconds(), total);
    since = null;
  }

  /**
   * Whether this failure, or one of its causes, is Redis not answering (refused, timed out); a
   * database's failures are not.
   */
  public static boolean isUnreachable(Throwable e) {
    for (Throwable cause = e; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof RedisConnectionFailureException || cause instanceof RedisConnectionException
          || cause instanceof RedisCommandTimeoutException) {
        return true;
      }
    }
    return false;
  }

  /** Connections closing with the server are no outage. */
  @Override
  public void onApplicationEvent(ContextClosedEvent event) {
    closing = true;
  }

  private static String message(Throwable cause) {
    String message = cause.getMessage();
    return message == null ? cause.getClass().getSimpleName() : message;
  }
}
