package org.strongroom.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve an existing instance over HTTPS.")
class ServeCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Mixin
  PortOption port;

  @Override
  public Integer call() throws Exception {
    int port = this.port.checked();
    ConfigurableApplicationContext context = SpringContexts.withWebServer(instance.existing(), port);
    System.out.println("Strongroom is serving https://localhost:" + port + "/ (Ctrl-C to stop)");
    SpringContexts.awaitClose(context);
    return 0;
  }
}
