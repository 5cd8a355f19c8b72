package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;

/**
 * {@code Host: localhost:1234} is trusted by name, but links carry the port the server really
 * listens on; an {@code allowed-hosts} entry with a port (a port mapped in front of the server)
 * keeps that port in links and trusts no other port with the name.
 */
@IntegrationTest
@TestPropertySource(properties = "strongroom.allowed-hosts=localhost, 127.0.0.1, [::1], mapped.example:8443")
class HostPortIntegrationTests {

  @Autowired ApiClient api;

  @Test
  void anUnservedPortInTheHostHeaderNeverReachesLinks() throws IOException {
    String response = exchange("GET /api/records/?size=1 HTTP/1.1\r\nHost: localhost:1234\r\nConnection: close\r\n\r\n");
    assertThat(response).startsWith("HTTP/1.1 200");
    assertThat(response).doesNotContain(":1234").contains("https://localhost:" + api.port() + "/api/records/?");
    String redirect = exchange("GET /account/security HTTP/1.1\r\nHost: localhost:1234\r\nConnection: close\r\n\r\n");
    assertThat(redirect).startsWith("HTTP/1.1 302").doesNotContain(":1234");
  }

  @Test
  void aPortNamedInAllowedHostsIsKeptAndNoOtherPortIsTrusted() throws IOException {
    String mapped = exchange("GET /api/records/?size=1 HTTP/1.1\r\nHost: mapped.example:8443\r\nConnection: close\r\n\r\n");
    assertThat(mapped).startsWith("HTTP/1.1 200").contains("https://mapped.example:8443/api/records/?");
    String other = exchange("GET /api/records/?size=1 HTTP/1.1\r\nHost: mapped.example:9999\r\nConnection: close\r\n\r\n");
    assertThat(other).startsWith("HTTP/1.1 400").contains("is not trusted");
  }

  @Test
  void theConnectorsOwnPortIsKeptAsBefore() throws IOException {
    String own = exchange("GET /api/records/?size=1 HTTP/1.1\r\nHost: localhost:" + api.port()
        + "\r\nConnection: close\r\n\r\n");
    assertThat(own).startsWith("HTTP/1.1 200").contains("https://localhost:" + api.port() + "/api/records/?");
  }

  private String exchange(String request) throws IOException {
    try (SSLSocket socket = api.rawSocket()) {
      OutputStream out = socket.getOutputStream();
      out.write(request.getBytes(StandardCharsets.ISO_8859_1));
      out.flush();
      return new String(socket.getInputStream().readAllBytes(), StandardCharsets.UTF_8);
    }
  }
}
