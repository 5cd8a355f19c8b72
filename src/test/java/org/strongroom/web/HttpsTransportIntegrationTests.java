package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.io.OutputStream;
import java.net.Socket;
import java.net.http.HttpClient;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;

import javax.net.ssl.SSLSocket;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;

/** HTTPS from the first start: TLS 1.3/1.2 on the instance's own certificate, HTTP/2 offered. */
@IntegrationTest
class HttpsTransportIntegrationTests {

  @Autowired
  ApiClient api;

  @Test
  void servesHttp2OverTls13() throws Exception {
    HttpClient client = HttpClient.newBuilder().sslContext(ApiClient.trustingTestCertificate())
        .version(HttpClient.Version.HTTP_2).build();
    HttpResponse<String> response = client.send(api.request("/api/records/?size=1").GET().build(),
        HttpResponse.BodyHandlers.ofString());
    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(response.version()).isEqualTo(HttpClient.Version.HTTP_2);
    assertThat(response.sslSession()).hasValueSatisfying(session ->
        assertThat(session.getProtocol()).isEqualTo("TLSv1.3"));
  }

  @Test
  void acceptsTls12WithAnAeadSuite() throws Exception {
    try (SSLSocket socket = api.rawSocket()) {
      socket.setEnabledProtocols(new String[] {"TLSv1.2"});
      socket.startHandshake();
      assertThat(socket.getSession().getProtocol()).isEqualTo("TLSv1.2");
      assertThat(socket.getSession().getCipherSuite()).startsWith("TLS_ECDHE_").contains("_GCM_");
    }
  }

  @Test
  void plainHttpGetsNoContent() throws Exception {
    try (Socket socket = new Socket("localhost", api.port())) {
      socket.setSoTimeout(5000);
      OutputStream out = socket.getOutputStream();
      out.write("GET /api/records/ HTTP/1.1\r\nHost: localhost\r\n\r\n".getBytes(StandardCharsets.US_ASCII));
      out.flush();
      InputStream in = socket.getInputStream();
      String answer = new String(in.readNBytes(512), StandardCharsets.ISO_8859_1);
      assertThat(answer).doesNotContain("\"hits\"");
    }
  }
}
