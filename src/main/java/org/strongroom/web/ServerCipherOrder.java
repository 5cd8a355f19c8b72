package org.strongroom.web;

import org.apache.tomcat.util.net.SSLHostConfig;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.stereotype.Component;

/**
 * The server, not the client, picks the cipher suite, from the bundle's list in its order
 * (strongest first). Spring Boot has no property for it; the host config it creates is
 * reused when the certificate is reloaded, so the setting survives a reload.
 */
@Component
class ServerCipherOrder implements TomcatConnectorCustomizer {

  @Override
  public void customize(org.apache.catalina.connector.Connector connector) {
    for (SSLHostConfig config : connector.findSslHostConfigs()) {
      config.setHonorCipherOrder(true);
    }
  }
}
