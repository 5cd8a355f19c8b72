package org.strongroom.cli;

import java.nio.file.Path;
import java.time.Clock;
import java.util.List;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InstanceSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "setup", mixinStandardHelpOptions = true,
    description = "Create an instance folder: configuration, secret key, TLS certificate, database. "
        + "Never overwrites what exists.")
class SetupCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Override
  public Integer call() {
    InstanceLayout layout = instance.layout();
    List<Path> created = InstanceSetup.ensure(layout, Clock.systemUTC());
    // Starting the application runs the database migrations.
    try (ConfigurableApplicationContext context = SpringContexts.withoutWebServer(layout)) {
      System.out.println("Instance ready at " + layout.root());
    }
    created.forEach(path -> System.out.println("  created " + path));
    return 0;
  }
}
