package org.strongroom.cli;

import java.util.concurrent.CountDownLatch;

import org.springframework.boot.WebApplicationType;
import org.springframework.boot.builder.SpringApplicationBuilder;
import org.springframework.context.ConfigurableApplicationContext;
import org.springframework.context.event.ContextClosedEvent;
import org.strongroom.StrongroomApplication;
import org.strongroom.instance.InstanceLayout;

/** Starts the application for a command: with a web server for serve/demo, without for the rest. */
final class SpringContexts {

  private SpringContexts() {}

  static ConfigurableApplicationContext withoutWebServer(InstanceLayout layout) {
    // Commands print their results on stdout; logs go only to the instance's log file.
    return new SpringApplicationBuilder(StrongroomApplication.class)
        .web(WebApplicationType.NONE).logStartupInfo(false)
        .run(instanceArgument(layout), "--logging.threshold.console=OFF");
  }

  /** Metrics and health on 127.0.0.1 for a served instance, unless configured otherwise. */
  static final int DEFAULT_MANAGEMENT_PORT = 5001;

  static ConfigurableApplicationContext withWebServer(InstanceLayout layout, int port, String... extra) {
    String[] arguments = new String[extra.length + 2];
    arguments[0] = instanceArgument(layout);
    arguments[1] = "--server.port=" + port;
    System.arraycopy(extra, 0, arguments, 2, extra.length);
    // A default property: the instance file and STRONGROOM_MANAGEMENT_PORT still win.
    return new SpringApplicationBuilder(StrongroomApplication.class)
        .properties("strongroom.management.port=" + DEFAULT_MANAGEMENT_PORT)
        .web(WebApplicationType.SERVLET).run(arguments);
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
