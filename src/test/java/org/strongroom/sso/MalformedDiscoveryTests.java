package org.strongroom.sso;

import static org.assertj.core.api.Assertions.assertThat;

import ch.qos.logback.classic.Logger;
import ch.qos.logback.classic.spi.ILoggingEvent;
import ch.qos.logback.core.read.ListAppender;
import com.sun.net.httpserver.HttpServer;
import java.net.InetSocketAddress;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.time.Clock;
import java.util.List;
import java.util.Map;
import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.slf4j.LoggerFactory;
import org.strongroom.secrets.SecretBox;
import org.strongroom.secrets.SecretKeyRing;
import org.strongroom.secrets.SecretsProperties;

/**
 * A provider whose discovery document is malformed (not JSON, JSON that is not an object, an
 * object without the endpoints) does not stop the start-up: its button says it is unavailable,
 * it starts no sign-in, and one warning names the provider and the reason. The document is
 * served by a real HTTP server, as a provider's would be.
 */
class MalformedDiscoveryTests {

  private static final Map<String, String> DOCUMENTS = Map.of(
      "html", "<html><body>Welcome to the portal</body></html>",
      "array", "[\"issuer\"]",
      "truncated", "{\"issuer\": \"",
      "incomplete", "{\"issuer\": \"%s/incomplete\"}");

  private HttpServer server;
  private String base;
  private final ListAppender<ILoggingEvent> log = new ListAppender<>();
  private final Logger logger = (Logger) LoggerFactory.getLogger(OidcProviders.class);

  @BeforeEach
  void serveDocuments() throws Exception {
    server = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    base = "http://127.0.0.1:" + server.getAddress().getPort();
    DOCUMENTS.forEach((name, document) -> server.createContext("/" + name + "/.well-known/openid-configuration",
        exchange -> {
          byte[] body = document.formatted(base).getBytes(StandardCharsets.UTF_8);
          exchange.getResponseHeaders().set("Content-Type", "application/json");
          exchange.sendResponseHeaders(200, body.length);
          exchange.getResponseBody().write(body);
          exchange.close();
        }));
    server.start();
    log.start();
    logger.addAppender(log);
  }

  @AfterEach
  void stop() {
    logger.detachAppender(log);
    server.stop(0);
  }

  @Test
  void eachMalformedDocumentLeavesItsProviderUnavailableWithOneLineNamingItAndTheReason() {
    Map<String, SsoProperties.Oidc> providers = new java.util.TreeMap<>();
    DOCUMENTS.keySet().forEach(name -> providers.put(name, provider(name)));

    OidcProviders oidc = new OidcProviders(new SsoProperties(providers, null), secrets(), Clock.systemUTC());

    assertThat(oidc.buttons()).extracting(OidcProviders.Button::available).containsOnly(false);
    DOCUMENTS.keySet().forEach(name -> assertThat(oidc.findByRegistrationId(name)).isNull());
    List<String> warnings = log.list.stream().map(ILoggingEvent::getFormattedMessage).toList();
    assertThat(warnings).hasSize(DOCUMENTS.size());
    DOCUMENTS.keySet().forEach(name -> assertThat(warnings)
        .filteredOn(line -> line.startsWith("OpenID Connect provider " + name + " is unavailable: "))
        .singleElement().satisfies(line -> {
          assertThat(line.length()).isGreaterThan(("OpenID Connect provider " + name + " is unavailable: ").length());
          assertThat(line).doesNotContain("\n").doesNotContain("client-secret-value");
        }));
    assertThat(log.list).allSatisfy(event -> assertThat(event.getThrowableProxy()).isNull());
  }

  private SsoProperties.Oidc provider(String name) {
    return new SsoProperties.Oidc(URI.create(base + "/" + name), "strongroom", null, "client-secret-value",
        List.of("openid"), null, false, List.of(), null, null, false);
  }

  private static SecretBox secrets() {
    return new SecretBox(new SecretKeyRing(new SecretsProperties("a".repeat(64), List.of())));
  }
}
