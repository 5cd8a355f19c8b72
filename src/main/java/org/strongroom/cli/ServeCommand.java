package org.strongroom.cli;

import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.instance.ProductionMode;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "serve", mixinStandardHelpOptions = true,
    description = "Serve an existing instance over HTTPS.")
class ServeCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Mixin
  PortOption port;

  @Option(names = "--production", description = "Production mode (as STRONGROOM_ENV=production): refuse "
      + "to start while 'instance check --deploy' reports an error.")
  boolean production;

  @Override
  public Integer call() throws Exception {
    int port = this.port.checked();
    ConfigurableApplicationContext context = production
        ? SpringContexts.withWebServer(instance.existing(), port,
            "--" + ProductionMode.PROPERTY + "=" + ProductionMode.PRODUCTION)
        : SpringContexts.withWebServer(instance.existing(), port);
    System.out.println("Strongroom is serving https://localhost:" + port + "/ (Ctrl-C to stop)");
    SpringContexts.awaitClose(context);
    return 0;
  }
}
