package org.strongroom.web;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The management server (health and Prometheus metrics), {@code strongroom.management.*}.
 * Off unless a port is configured: any fixed or derived default could be taken by a second
 * instance on the same host, and a scraper needs a port the operator chose anyway.
 *
 * @param port the management server's port, always bound to 127.0.0.1 and never the HTTPS
 *             port; -1 (the default) turns the management server off
 */
@ConfigurationProperties(prefix = "strongroom.management")
record ManagementProperties(@DefaultValue("-1") int port) {

  ManagementProperties {
    if (port < -1 || port > 65535) {
      throw new IllegalArgumentException("strongroom.management.port must be between 1 and 65535, "
          + "or -1 to turn the management server off (it is " + port + ")");
    }
  }
}
