package org.strongroom.web;

import java.net.InetAddress;
import java.net.UnknownHostException;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/**
 * Refuses to start when metrics and health could leak beyond this machine: the management
 * server must listen on a loopback address and on a port of its own (on the application's
 * port, the actuator would answer the public).
 */
@Component
class ManagementServerGuard {

  ManagementServerGuard(ManagementProperties properties, Environment environment) {
    // The effective ports: tests replace both with 0 (random).
    check(environment.getProperty("management.server.port", Integer.class, properties.port()),
        environment.getProperty("server.port", Integer.class, 8080),
        environment.getProperty("management.server.address"));
  }

  static void check(int managementPort, int serverPort, String address) {
    if (managementPort == -1) {
      return;
    }
    if (managementPort != 0 && managementPort == serverPort) {
      throw new IllegalStateException("strongroom.management.port (" + managementPort + ") must differ from the "
          + "HTTPS port; choose another port, or -1 to turn the management server off");
    }
    if (address == null || !isLoopback(address)) {
      throw new IllegalStateException("management.server.address must be a loopback address such as "
          + "127.0.0.1 (it is " + address + "); metrics are only served to this machine — scrape them "
          + "through a local agent or an SSH tunnel");
    }
  }

  private static boolean isLoopback(String address) {
    try {
      // Only literals: a host name could resolve differently later.
      return (address.matches("[0-9.]+") || address.contains(":")) && InetAddress.getByName(address).isLoopbackAddress();
    } catch (UnknownHostException e) {
      return false;
    }
  }
}
