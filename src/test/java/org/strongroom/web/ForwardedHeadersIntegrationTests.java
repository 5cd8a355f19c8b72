package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Nested;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import tools.jackson.databind.JsonNode;

/**
 * X-Forwarded-For / -Proto / -Host / -Port spoofing, with no trusted proxy (every forwarded
 * header ignored) and with one (only the value our proxy appended counts). The CSP report
 * limit (per client address) shows whose bucket a spoofed request is charged to.
 */
class ForwardedHeadersIntegrationTests {

  static HttpResponse<String> cspReport(PerimeterClient client, String forwardedFor) {
    return client.send(client.request("/api/csp-report", "Content-Type", "application/csp-report",
            "X-Forwarded-For", forwardedFor)
        .POST(HttpRequest.BodyPublishers.ofString("{\"csp-report\":{\"blocked-uri\":\"inline\"}}")).build());
  }

  @Nested
  @IntegrationTest
  @Import(PerimeterTestEndpoints.class)
  class NoTrustedProxy {

    @Autowired
    ApiClient api;

    @Test
    void everyForwardedHeaderIsIgnoredAndHiddenFromTheApplication() {
      JsonNode seen = ApiClient.json(new PerimeterClient(api).get("/test/echo",
          "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "http",
          "X-Forwarded-Host", "localhost", "X-Forwarded-Port", "8080", "Forwarded", "for=203.0.113.9"));

      assertThat(seen.path("client").asString()).isEqualTo("127.0.0.1");
      assertThat(seen.path("remoteAddr").asString()).isEqualTo("127.0.0.1");
      assertThat(seen.path("scheme").asString()).isEqualTo("https");
      assertThat(seen.path("port").asInt()).isEqualTo(api.port());
      assertThat(seen.path("base").asString()).isEqualTo("https://localhost:" + api.port());
      assertThat(seen.path("xForwardedFor").asString()).isEqualTo("null");
    }

    @Test
    void linksIgnoreAForwardedHost() {
      HttpResponse<String> response = new PerimeterClient(api).get("/api/records/",
          "X-Forwarded-Host", "evil.io", "X-Forwarded-Proto", "http");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(ApiClient.json(response).path("links").path("self").asString())
          .startsWith("https://localhost:" + api.port() + "/api/records");
    }

    @Test
    void spoofedForwardedForIsChargedToTheRealAddress() {
      PerimeterClient client = new PerimeterClient(api);
      for (int i = 0; i < CspReportController.REPORTS_PER_MINUTE; i++) {
        assertThat(cspReport(client, "198.51.100." + i).statusCode()).isEqualTo(204);
      }
      HttpResponse<String> refused = cspReport(client, "198.51.100.200");

      assertThat(refused.statusCode()).isEqualTo(429);
      assertThat(ApiClient.json(refused).path("status").asInt()).isEqualTo(429);
    }
  }

  @Nested
  @IntegrationTest
  @Import(PerimeterTestEndpoints.class)
  @TestPropertySource(properties = {"strongroom.trusted-proxies=1",
      "strongroom.allowed-hosts=localhost, repo.example.org"})
  class OneTrustedProxy {

    @Autowired
    ApiClient api;

    @Test
    void clientIsTheRightmostForwardedAddressNotTheSpoofedLeftOnes() {
      JsonNode seen = ApiClient.json(new PerimeterClient(api).get("/test/echo",
          "X-Forwarded-For", "10.6.6.6, 203.0.113.9"));

      assertThat(seen.path("client").asString()).isEqualTo("203.0.113.9");
      assertThat(seen.path("remoteAddr").asString()).isEqualTo("203.0.113.9");
      assertThat(seen.path("xForwardedFor").asString()).isEqualTo("null");
    }

    @Test
    void severalHeaderLinesCountAsOneList() {
      HttpResponse<String> response = new PerimeterClient(api).send(new PerimeterClient(api)
          .request("/test/echo").header("X-Forwarded-For", "10.6.6.6")
          .header("X-Forwarded-For", "203.0.113.10").GET().build());

      assertThat(ApiClient.json(response).path("client").asString()).isEqualTo("203.0.113.10");
    }

    @Test
    void garbageOrMissingForwardedForFallsBackToTheConnection() {
      PerimeterClient client = new PerimeterClient(api);

      assertThat(ApiClient.json(client.get("/test/echo", "X-Forwarded-For", "not-an-address"))
          .path("client").asString()).isEqualTo("127.0.0.1");
      assertThat(ApiClient.json(client.get("/test/echo")).path("client").asString()).isEqualTo("127.0.0.1");
    }

    @Test
    void ipv6AndMappedAddressesAreNormalised() {
      PerimeterClient client = new PerimeterClient(api);

      assertThat(ApiClient.json(client.get("/test/echo", "X-Forwarded-For", "::ffff:203.0.113.7"))
          .path("client").asString()).isEqualTo("203.0.113.7");
      assertThat(ApiClient.json(client.get("/test/echo", "X-Forwarded-For", "2001:db8::1"))
          .path("client").asString()).isEqualTo("2001:db8:0:0:0:0:0:1");
    }

    @Test
    void trustedForwardedProtoHostAndPortShapeTheLinks() {
      HttpResponse<String> response = new PerimeterClient(api).get("/api/records/",
          "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Proto", "https",
          "X-Forwarded-Host", "repo.example.org", "X-Forwarded-Port", "443");

      assertThat(response.statusCode()).isEqualTo(200);
      assertThat(ApiClient.json(response).path("links").path("self").asString())
          .startsWith("https://repo.example.org/api/records");
      assertThat(response.headers().firstValue("Link").orElseThrow()).contains("<https://repo.example.org/api/records");
    }

    @Test
    void forwardedHostMustItselfBeTrusted() {
      HttpResponse<String> response = new PerimeterClient(api).get("/api/records/",
          "X-Forwarded-For", "203.0.113.9", "X-Forwarded-Host", "evil.io");

      assertThat(response.statusCode()).isEqualTo(400);
      assertThat(response.body()).isEqualTo("{\"message\":\"Host \\\"evil.io\\\" is not trusted\",\"status\":400}");
    }

    @Test
    void onlyTheValueOurProxyAppendedCountsForTheHostToo() {
      JsonNode seen = ApiClient.json(new PerimeterClient(api).get("/test/echo",
          "X-Forwarded-Host", "evil.io, repo.example.org", "X-Forwarded-Proto", "http, https"));

      assertThat(seen.path("host").asString()).isEqualTo("repo.example.org");
      assertThat(seen.path("base").asString()).isEqualTo("https://repo.example.org");
    }

    @Test
    void eachForwardedClientHasItsOwnBucket() {
      PerimeterClient client = new PerimeterClient(api);
      for (int i = 0; i < CspReportController.REPORTS_PER_MINUTE; i++) {
        assertThat(cspReport(client, "10.9.9.9, 198.51.100.1").statusCode()).isEqualTo(204);
      }

      assertThat(cspReport(client, "10.9.9.9, 198.51.100.1").statusCode()).isEqualTo(429);
      assertThat(cspReport(client, "198.51.100.1, 198.51.100.2").statusCode()).isEqualTo(204);
    }
  }
}
