package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.FreePorts;
import org.strongroom.support.IntegrationTest;

/** {@code http-redirect-port}: plain HTTP answers only 308 to HTTPS on the trusted host. */
@IntegrationTest
class HttpsRedirectIntegrationTests {

  static final int PLAIN_PORT = FreePorts.any();

  @DynamicPropertySource
  static void plainPort(DynamicPropertyRegistry registry) {
    registry.add("strongroom.http-redirect-port", () -> PLAIN_PORT);
  }

  @Autowired
  ApiClient api;

  final HttpClient plain = HttpClient.newBuilder().version(HttpClient.Version.HTTP_1_1)
      .followRedirects(HttpClient.Redirect.NEVER).build();

  HttpResponse<String> plainRequest(String method, String path, String... headers) throws Exception {
    return plain.send(ApiClient.withHeaders(HttpRequest.newBuilder(URI.create("http://localhost:" + PLAIN_PORT + path)),
        headers).method(method, HttpRequest.BodyPublishers.noBody()).build(), HttpResponse.BodyHandlers.ofString());
  }

  @Test
  void everyRequestIsRedirectedToTheSamePathOverHttps() throws Exception {
    HttpResponse<String> response = plainRequest("GET", "/records/?q=a%20b&page=2");

    assertThat(response.statusCode()).isEqualTo(308);
    assertThat(response.headers().firstValue("Location"))
        .hasValue("https://localhost:" + api.port() + "/records/?q=a%20b&page=2");
    assertThat(response.body()).isEmpty();
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void unsafeMethodsAndApiPathsAreRedirectedNotServed() throws Exception {
    HttpResponse<String> response = plainRequest("POST", "/api/records/");

    assertThat(response.statusCode()).isEqualTo(308);
    assertThat(response.headers().firstValue("Location")).hasValue("https://localhost:" + api.port() + "/api/records/");
  }

  @Test
  void theRedirectIsNeverBuiltFromAnUntrustedHost() throws Exception {
    HttpResponse<String> response = plainRequest("GET", "/", "Host", "evil.io");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(response.body()).isEqualTo("{\"message\":\"Host \\\"evil.io\\\" is not trusted\",\"status\":400}");
  }

  @Test
  void forwardedHeadersCannotRedirectElsewhere() throws Exception {
    HttpResponse<String> response = plainRequest("GET", "/", "X-Forwarded-Host", "evil.io",
        "X-Forwarded-Proto", "https");

    assertThat(response.statusCode()).isEqualTo(308);
    assertThat(response.headers().firstValue("Location")).hasValue("https://localhost:" + api.port() + "/");
  }
}
