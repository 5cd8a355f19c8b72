package org.strongroom.web;

import java.net.InetAddress;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.strongroom.instance.DeployCheck;
import org.strongroom.instance.Finding;

/** SR-W010 (allowed-hosts is *), SR-W040 (proxies trusted while anyone may connect), SR-W050 (CSP weakened). */
@Component
class PerimeterChecks implements DeployCheck {

  private final PerimeterProperties properties;
  private final Environment environment;

  PerimeterChecks(PerimeterProperties properties, Environment environment) {
    this.properties = properties;
    this.environment = environment;
  }

  @Override
  public List<Finding> check(boolean deploy) {
    List<Finding> findings = new ArrayList<>();
    if (properties.allowsAnyHost()) {
      findings.add(Finding.errorWhenDeploying(deploy, "SR-W010", "strongroom.allowed-hosts contains '*', "
          + "so links and redirects can be built from any Host header", "list the host names clients use, "
          + "e.g. strongroom.allowed-hosts=repo.example.org"));
    }
    if (properties.trustedProxies() > 0 && opensToTheWorld() && !boundToLoopback()) {
      findings.add(Finding.warning("SR-W040", "strongroom.trusted-proxies is " + properties.trustedProxies()
          + " but anyone may connect directly and forge X-Forwarded-For", "let only the proxy reach the "
          + "server (server.address=127.0.0.1 or a firewall) and narrow strongroom.allowed-networks"));
    }
    String csp = properties.csp();
    if (csp.contains("'unsafe-inline'") || csp.contains("'unsafe-eval'") || !csp.contains("{nonce}")) {
      findings.add(Finding.errorWhenDeploying(deploy, "SR-W050", "strongroom.csp allows inline or eval'd "
          + "script or has no {nonce}", "remove strongroom.csp to use the default policy"));
    }
    return findings;
  }

  private boolean opensToTheWorld() {
    return properties.allowedNetworks().stream().map(String::strip)
        .anyMatch(network -> network.endsWith("/0"));
  }

  private boolean boundToLoopback() {
    InetAddress address = Networks.literal(environment.getProperty("server.address"));
    return address != null && address.isLoopbackAddress();
  }
}
