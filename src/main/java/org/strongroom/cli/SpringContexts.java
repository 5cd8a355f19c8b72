package org.strongroom.cli;

import java.nio.file.Path;
import java.util.Map;
import java.util.concurrent.CountDownLatch;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.boot.web.server.PortInUseException;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.context.event.ContextClosedEvent;
import org.strongroom.StrongroomApplication;
import org.strongroom.instance.InstanceEnvironmentPostProcessor;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InvalidConfiguration;

/** Starts the application for a command: with a web server for serve/demo, without for the rest. */
final class SpringContexts {

  private SpringContexts() {}

  static ConfigurableApplicationContext withoutWebServer(InstanceLayout layout, String... extra) {
    // Commands print their results on stdout; logs go only to the instance's log file.
    String[] arguments = new String[extra.length + 2];
    arguments[0] = instanceArgument(layout);
    arguments[1] = "--logging.threshold.console=OFF";
    System.arraycopy(extra, 0, arguments, 2, extra.length);
    return new SpringApplicationBuilder(StrongroomApplication.class)
        .web(WebApplicationType.NONE).logStartupInfo(false).run(arguments);
  }

  /**
   * The instance's configuration alone (files, environment, defaults, checks), without starting
   * the application: for a command that must look at a setting before anything is opened.
   */
  static ConfigurableEnvironment environment(InstanceLayout layout) {
    try (ConfigurableApplicationContext context = new SpringApplicationBuilder(NothingToStart.class)
        .web(WebApplicationType.NONE).logStartupInfo(false)
        .run(instanceArgument(layout), "--logging.threshold.console=OFF")) {
      return context.getEnvironment();
    }
  }

  /**
   * The settings of a folder laid out as an instance (its {@code strongroom.yml}, its
   * {@code secret.key}, environment variables, the defaults), read as every command reads them
   * but with nothing started: no log file is opened and nothing is written into the folder, which
   * may be a backup's {@code instance/} (whose every file its SHA256SUMS lists).
   */
  static ConfigurableEnvironment settings(Path folder) {
    StandardEnvironment settings = new StandardEnvironment();
    settings.getPropertySources().addFirst(new MapPropertySource("the folder read",
        Map.of("strongroom.instance", folder.toAbsolutePath().normalize().toString())));
    new InstanceEnvironmentPostProcessor().postProcessEnvironment(settings, null);
    return settings;
  }

  /** No beans: {@link #environment} needs only what Spring prepares before any. */
  @org.springframework.context.annotation.Configuration(proxyBeanMethods = false)
  static class NothingToStart {}

  static ConfigurableApplicationContext withWebServer(InstanceLayout layout, int port, String... extra) {
    String[] arguments = new String[extra.length + 2];
    arguments[0] = instanceArgument(layout);
    arguments[1] = "--server.port=" + port;
    System.arraycopy(extra, 0, arguments, 2, extra.length);
    try {
      return new SpringApplicationBuilder(StrongroomApplication.class)
          .web(WebApplicationType.SERVLET).run(arguments);
    } catch (RuntimeException failure) {
      PortInUseException inUse = portInUse(failure);
      if (inUse == null) {
        throw failure;
      }
      // Each instance on a host needs ports of its own: say which setting to change.
      throw new InvalidConfiguration(inUse.getPort() == port
          ? "--port " + port + " is already in use (another instance on this host?); choose a free port with --port"
          : "strongroom.management.port " + inUse.getPort() + " is already in use (another instance on this "
              + "host?); choose a free port for this instance, or -1 to turn its management server off", failure);
    }
  }

  static PortInUseException portInUse(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof PortInUseException inUse) {
        return inUse;
      }
    }
    return null;
  }

  /** Blocks until the context is closed (Ctrl-C or SIGTERM runs Spring's shutdown hook). */
  static void awaitClose(ConfigurableApplicationContext context) throws InterruptedException {
    CountDownLatch closed = new CountDownLatch(1);
    context.addApplicationListener(event -> {
      if (event instanceof ContextClosedEvent) {
        closed.countDown();
      }
    });
    if (context.isActive()) {
      closed.await();
    }
  }

  /** Passed as arguments: the options given to the command outrank every configuration file. */
  private static String instanceArgument(InstanceLayout layout) {
    return "--strongroom.instance=" + layout.root();
  }
}
