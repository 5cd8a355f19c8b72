package org.strongroom.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve an existing instance over HTTPS.")
class ServeCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Option(names = "--port", defaultValue = "5000", description = "HTTPS port (default: ${DEFAULT-VALUE}).")
  int port;

  @Override
  public Integer call() throws Exception {
    Ports.check(port);
    ConfigurableApplicationContext context = SpringContexts.withWebServer(instance.existing(), port);
    System.out.println("Strongroom is serving https://localhost:" + port + "/ (Ctrl-C to stop)");
    SpringContexts.awaitClose(context);
    return 0;
  }
}
