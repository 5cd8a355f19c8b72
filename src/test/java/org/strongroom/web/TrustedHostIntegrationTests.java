package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;

/** Host header injection: every kind of response refuses an untrusted Host before anything else. */
@IntegrationTest
@Import(PerimeterTestEndpoints.class)
@TestPropertySource(properties = "strongroom.allowed-hosts=localhost, 127.0.0.1, [::1], .example.org")
class TrustedHostIntegrationTests {

  @Autowired
  ApiClient api;

  PerimeterClient client() {
    return new PerimeterClient(api);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/records/", "/api/records/nope-nope", "/records/", "/login", "/logout",
      "/account/settings/applications", "/no/such/page", "/api/no/such", "/js/strongroom.js", "/error"})
  void untrustedHostIsRefusedWithTheExactBody(String path) {
    HttpResponse<String> response = client().get(path, "Host", "evil.io");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Content-Type")).hasValueSatisfying(
        type -> assertThat(type).startsWith("application/json"));
    assertThat(response.body()).isEqualTo("{\"message\":\"Host \\\"evil.io\\\" is not trusted\",\"status\":400}");
    assertThat(ApiClient.json(response).path("message").asString()).isEqualTo("Host \"evil.io\" is not trusted");
    assertThat(response.headers().firstValue("Location")).isEmpty();
    assertThat(response.headers().firstValue("Set-Cookie")).isEmpty();
  }

  @Test
  void untrustedHostWithAPortIsRefused() {
    HttpResponse<String> response = client().get("/api/records/", "Host", "evil.io:" + api.port());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(ApiClient.json(response).path("message").asString()).isEqualTo("Host \"evil.io\" is not trusted");
  }

  @Test
  void unsafeMethodsWithUntrustedHostAreRefusedBeforeAuthentication() {
    HttpResponse<String> response = client().send(client().request("/api/records/", "Host", "evil.io",
            "Content-Type", "application/json", "Authorization", "Bearer sr_nonsense")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.body()).contains("is not trusted");
  }

  @Test
  void loginRedirectIsNeverBuiltFromAnUntrustedHost() {
    HttpResponse<String> response = client().send(client().request("/login", "Host", "evil.io",
            "Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=a&password=b")).build());

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(response.headers().firstValue("Location")).isEmpty();
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.org", "repo.example.org", "a.b.example.org", "REPO.Example.ORG",
      "localhost", "127.0.0.1", "[::1]"})
  void trustedHostsAndSubdomainsOfADotEntryAreServed(String host) {
    HttpResponse<String> response = client().get("/test/echo", "Host", host + ":" + api.port());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(response).path("base").asString())
        .isEqualToIgnoringCase("https://" + host + ":" + api.port());
  }

  @ParameterizedTest
  @ValueSource(strings = {"example.org.evil.io", "evilexample.org", "example.com", "localhost.evil.io",
      "127.0.0.2"})
  void lookAlikesOfTrustedHostsAreRefused(String host) {
    HttpResponse<String> response = client().get("/api/records/", "Host", host);

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(ApiClient.json(response).path("message").asString()).isEqualTo("Host \"" + host + "\" is not trusted");
  }

  @Test
  void linksInTheApiUseTheTrustedHost() {
    HttpResponse<String> response = client().get("/api/records/", "Host", "repo.example.org:" + api.port());

    assertThat(response.statusCode()).isEqualTo(200);
    assertThat(ApiClient.json(response).path("links").path("self").asString())
        .startsWith("https://repo.example.org:" + api.port() + "/api/records");
  }
}
