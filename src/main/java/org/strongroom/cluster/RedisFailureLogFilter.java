package org.strongroom.cluster;

import ch.qos.logback.classic.Level;
import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.LoggerContext;
import ch.qos.logback.classic.turbo.TurboFilter;
import ch.qos.logback.core.spi.FilterReply;
import org.slf4j.LoggerFactory;
import org.slf4j.Marker;

/**
 * Keeps out of the log the stack traces that libraries write when Redis is away: the template
 * engine's, for a page whose session could not be saved while it rendered (the client gets a
 * 503 all the same), and the scheduler's, for Spring Session's cleanup task. Each is counted in
 * the {@link RedisOutageLog} instead, which writes one line per minute of outage. Other failures,
 * and everything Strongroom's own classes log, pass.
 */
final class RedisFailureLogFilter extends TurboFilter implements AutoCloseable {

  private final RedisOutageLog outage;
  private final LoggerContext context;

  private RedisFailureLogFilter(RedisOutageLog outage, LoggerContext context) {
    this.outage = outage;
    this.context = context;
    setName("redis-outage");
  }

  /** Installs the filter where Logback is the logging system; elsewhere it stays idle. */
  static RedisFailureLogFilter install(RedisOutageLog outage) {
    LoggerContext context = LoggerFactory.getILoggerFactory() instanceof LoggerContext logback ? logback : null;
    RedisFailureLogFilter filter = new RedisFailureLogFilter(outage, context);
    if (context != null) {
      filter.setContext(context);
      filter.start();
      context.addTurboFilter(filter);
    }
    return filter;
  }

  @Override
  public FilterReply decide(Marker marker, Logger logger, Level level, String format, Object[] params, Throwable t) {
    Throwable thrown = t != null ? t
        : params != null && params.length > 0 && params[params.length - 1] instanceof Throwable last ? last : null;
    if (thrown == null || level == null || !level.isGreaterOrEqual(Level.WARN)
        || logger.getName().startsWith("org.strongroom.") || !RedisOutageLog.isUnreachable(thrown)) {
      return FilterReply.NEUTRAL;
    }
    outage.unreachable(thrown);
    return FilterReply.DENY;
  }

  @Override
  public void close() {
    if (context != null) {
      context.getTurboFilterList().remove(this);
      stop();
    }
  }
}
