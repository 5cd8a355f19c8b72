package org.strongroom.cli;

import java.time.Clock;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.demo.DemoData;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InstanceSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Create a demo instance if needed (users, records, a token) and serve it.")
class DemoCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Mixin
  PortOption port;

  @Override
  public Integer call() throws Exception {
    int port = this.port.checked();
    InstanceLayout layout = instance.layout();
    InstanceSetup.ensure(layout, Clock.systemUTC());
    ConfigurableApplicationContext context = SpringContexts.withWebServer(layout, port);
    DemoDataCommand.report(context.getBean(DemoData.class).createIfMissing(), System.out);
    System.out.println("Strongroom demo is serving https://localhost:" + port + "/ (Ctrl-C to stop)");
    System.out.println("The certificate is self-signed: use curl --cacert " + layout.tlsCertificate());
    SpringContexts.awaitClose(context);
    return 0;
  }
}
