package org.strongroom.cli;

import org.springframework.boot.SpringBootExceptionReporter;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;

/**
 * Keeps Spring Boot from logging a stack trace or an "APPLICATION FAILED TO START" report for an
 * operator's mistake (a configuration mistake, a refused plugin jar): the exception still
 * propagates, and the command line prints it as one line ({@link Failures}). Other failures are
 * reported as usual.
 */
@Order(Ordered.HIGHEST_PRECEDENCE)
public final class ConfigurationMistakeReporter implements SpringBootExceptionReporter {

  @Override
  public boolean reportException(Throwable failure) {
    return Failures.isOperatorMistake(failure) || SpringContexts.portInUse(failure) != null;
  }
}
