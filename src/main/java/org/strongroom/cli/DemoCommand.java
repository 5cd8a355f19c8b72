package org.strongroom.cli;

import java.time.Clock;
import java.util.concurrent.Callable;

import org.springframework.context.ConfigurableApplicationContext;
import org.strongroom.demo.DemoData;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InstanceSetup;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "demo", mixinStandardHelpOptions = true,
    description = "Create a demo instance if needed (users, records, a token) and serve it.")
class DemoCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Mixin
  PortOption port;

  @Option(names = "--with-sso", description = "Show a demo OpenID Connect provider's button on /login: the "
      + "provider answering at http://127.0.0.1:<sso-port>/demo, which ./strongroom demo --with-sso starts "
      + "(mock-oauth2-server, from the build's local Maven repository). For trying single sign-on only: it signs in "
      + "anyone.")
  boolean withSso;

  @Option(names = "--sso-port", paramLabel = "N", defaultValue = "8081",
      description = "Port of the demo provider on 127.0.0.1 with --with-sso (default: ${DEFAULT-VALUE}).")
  int ssoPort;

  @Override
  public Integer call() throws Exception {
    int port = this.port.checked();
    DemoSsoProvider provider = withSso ? DemoSsoProvider.find(ssoPort) : null;
    InstanceLayout layout = instance.layout();
    InstanceSetup.ensure(layout, Clock.systemUTC());
    String[] settings = provider == null ? new String[0] : provider.settings(layout).toArray(String[]::new);
    ConfigurableApplicationContext context = SpringContexts.withWebServer(layout, port, settings);
    DemoDataCommand.report(context.getBean(DemoData.class).createIfMissing(), System.out);
    System.out.println("Strongroom demo is serving https://localhost:" + port + "/ (Ctrl-C to stop)");
    System.out.println("The certificate is self-signed: use curl --cacert " + layout.tlsCertificate());
    if (provider != null) {
      System.out.println("Single sign-on: press '" + DemoSsoProvider.DISPLAY_NAME + "' on https://localhost:" + port
          + "/login (provider " + provider.issuer() + "), type any user name and, as claims, "
          + "{\"email\": \"you@example.org\", \"email_verified\": true}");
    }
    SpringContexts.awaitClose(context);
    return 0;
  }
}
