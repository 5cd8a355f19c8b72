package org.strongroom.support;

import java.io.IOException;
import java.io.InputStream;
import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.security.KeyStore;
import java.security.cert.CertificateFactory;
import java.time.Duration;
import java.util.Map;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManagerFactory;

import org.springframework.core.env.Environment;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * An HTTPS client for the server under test that trusts the test instance's self-signed
 * certificate (and nothing else). Requests go to {@code https://localhost:<port>}.
 */
public class ApiClient {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private final Environment environment;
  private final HttpClient http;

  public ApiClient(Environment environment) {
    this.environment = environment;
    this.http = builder().build();
  }

  /**
   * A client that speaks only HTTP/1.1 (otherwise as this one: trusts the test certificate,
   * follows no redirect): for a {@code Host} header of one's own (HTTP/2 carries it as
   * {@code :authority}) or to see HTTP/1.1 framing such as {@code Transfer-Encoding}.
   */
  public static HttpClient http11() {
    return builder().version(HttpClient.Version.HTTP_1_1).build();
  }

  private static HttpClient.Builder builder() {
    return HttpClient.newBuilder().sslContext(trustingTestCertificate())
        .followRedirects(HttpClient.Redirect.NEVER).connectTimeout(Duration.ofSeconds(10));
  }

  public int port() {
    return Integer.parseInt(environment.getProperty("local.server.port"));
  }

  /**
   * A TLS socket to the server, for requests no HTTP client would send (bytes it refuses, a
   * body never finished); reads time out after 15 s.
   */
  public SSLSocket rawSocket() throws IOException {
    SSLSocket socket = (SSLSocket) trustingTestCertificate().getSocketFactory().createSocket("localhost", port());
    socket.setSoTimeout(15_000);
    return socket;
  }

  public String baseUrl() {
    return "https://localhost:" + port();
  }

  public HttpClient http() {
    return http;
  }

  public HttpRequest.Builder request(String path) {
    return HttpRequest.newBuilder(URI.create(baseUrl() + path)).timeout(Duration.ofSeconds(30));
  }

  public HttpResponse<String> send(HttpRequest request) {
    try {
      return http.send(request, HttpResponse.BodyHandlers.ofString());
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    } catch (InterruptedException e) {
      Thread.currentThread().interrupt();
      throw new IllegalStateException(e);
    }
  }

  public HttpResponse<String> get(String path, String... headers) {
    return send(withHeaders(request(path).GET(), headers).build());
  }

  public HttpResponse<String> head(String path, String... headers) {
    return send(withHeaders(request(path).method("HEAD", HttpRequest.BodyPublishers.noBody()), headers).build());
  }

  public HttpResponse<String> delete(String path, String... headers) {
    return send(withHeaders(request(path).DELETE(), headers).build());
  }

  public HttpResponse<String> post(String path, String json, String... headers) {
    return send(withHeaders(request(path).header("Content-Type", "application/json")
        .POST(HttpRequest.BodyPublishers.ofString(json)), headers).build());
  }

  public HttpResponse<String> put(String path, String json, String... headers) {
    return send(withHeaders(request(path).header("Content-Type", "application/json")
        .PUT(HttpRequest.BodyPublishers.ofString(json)), headers).build());
  }

  /** Headers as name, value pairs. */
  public static HttpRequest.Builder withHeaders(HttpRequest.Builder builder, String... headers) {
    for (int i = 0; i + 1 < headers.length; i += 2) {
      builder.header(headers[i], headers[i + 1]);
    }
    return builder;
  }

  public static String[] bearer(String token) {
    return new String[] {"Authorization", "Bearer " + token};
  }

  public static JsonNode json(HttpResponse<String> response) {
    return JSON.readTree(response.body());
  }

  public static String toJson(Object value) {
    return JSON.writeValueAsString(value);
  }

  public static Map<String, Object> errorBody(int status, String message) {
    return Map.of("message", message, "status", status);
  }

  public static SSLContext trustingTestCertificate() {
    try (InputStream in = Files.newInputStream(TestInstance.ensure().tlsCertificate())) {
      KeyStore trust = KeyStore.getInstance(KeyStore.getDefaultType());
      trust.load(null, null);
      trust.setCertificateEntry("strongroom-test", CertificateFactory.getInstance("X.509").generateCertificate(in));
      TrustManagerFactory factory = TrustManagerFactory.getInstance(TrustManagerFactory.getDefaultAlgorithm());
      factory.init(trust);
      SSLContext context = SSLContext.getInstance("TLS");
      context.init(null, factory.getTrustManagers(), null);
      return context;
    } catch (Exception e) {
      throw new IllegalStateException("Cannot trust the test certificate", e);
    }
  }
}
