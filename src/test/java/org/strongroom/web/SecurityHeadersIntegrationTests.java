package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.util.HashSet;
import java.util.Map;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;

/** The security headers on every kind of response: pages, API, errors, redirects, refusals. */
@IntegrationTest
@Import(PerimeterTestEndpoints.class)
class SecurityHeadersIntegrationTests {

  static final Map<String, String> EVERY_RESPONSE = Map.of(
      "Strict-Transport-Security", "max-age=31556926; includeSubDomains",
      "X-Frame-Options", "sameorigin",
      "X-Content-Type-Options", "nosniff",
      "Referrer-Policy", "strict-origin-when-cross-origin",
      "Cross-Origin-Opener-Policy", "same-origin",
      "Cross-Origin-Resource-Policy", "same-origin",
      "X-XSS-Protection", "0");
  static final Pattern CSP = Pattern.compile("default-src 'none'; script-src 'self' 'nonce-([A-Za-z0-9_-]{24})'; "
      + "style-src 'self' 'nonce-\\1'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
      + "manifest-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; "
      + "form-action 'self'; report-uri /api/csp-report");

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  PerimeterClient client() {
    return new PerimeterClient(api);
  }

  static String assertSecurityHeaders(HttpResponse<String> response, boolean page) {
    for (var header : EVERY_RESPONSE.entrySet()) {
      assertThat(response.headers().allValues(header.getKey()))
          .as(header.getKey() + " on " + response.statusCode() + " " + response.uri())
          .containsExactly(header.getValue());
    }
    assertThat(response.headers().firstValue("Permissions-Policy").orElseThrow())
        .contains("camera=()", "microphone=()", "geolocation=()");
    assertThat(response.headers().allValues("Cross-Origin-Embedder-Policy"))
        .isEqualTo(page ? java.util.List.of("require-corp") : java.util.List.of());
    assertThat(response.headers().map().keySet()).noneMatch(name -> name.equalsIgnoreCase("Server")
        || name.equalsIgnoreCase("X-Powered-By"));
    String csp = response.headers().allValues("Content-Security-Policy").stream().reduce((a, b) -> a + "|" + b)
        .orElseThrow();
    Matcher matcher = CSP.matcher(csp);
    assertThat(matcher.matches()).as("CSP " + csp).isTrue();
    assertThat(csp).doesNotContain("unsafe-inline", "unsafe-eval");
    return matcher.group(1);
  }

  @Test
  void onPages() {
    HttpResponse<String> home = client().get("/records/");
    assertThat(home.statusCode()).isEqualTo(200);
    assertSecurityHeaders(home, true);
    assertSecurityHeaders(client().get("/login"), true);
  }

  @Test
  void onApiResponsesWithoutCoep() {
    HttpResponse<String> list = client().get("/api/records/");
    assertThat(list.statusCode()).isEqualTo(200);
    assertSecurityHeaders(list, false);
  }

  @Test
  void onErrors() {
    HttpResponse<String> apiNotFound = client().get("/api/records/nothere-00000");
    assertThat(apiNotFound.statusCode()).isEqualTo(404);
    assertSecurityHeaders(apiNotFound, false);

    HttpResponse<String> containerNotFound = client().get("/js/no-such-script.js");
    assertThat(containerNotFound.statusCode()).isEqualTo(404);
    assertSecurityHeaders(containerNotFound, true);

    HttpResponse<String> badRequest = client().get("/api/records/?page=0");
    assertThat(badRequest.statusCode()).isEqualTo(400);
    assertSecurityHeaders(badRequest, false);

    HttpResponse<String> refusedByTomcat = client().get("/api/records/a%2Fb");
    assertThat(refusedByTomcat.statusCode()).isEqualTo(400);
    assertSecurityHeaders(refusedByTomcat, false);

    HttpResponse<String> untrustedHost = client().get("/records/", "Host", "evil.io");
    assertThat(untrustedHost.statusCode()).isEqualTo(400);
    assertSecurityHeaders(untrustedHost, true);
  }

  @Test
  void onRefusalsBySpringSecurity() {
    HttpResponse<String> unauthenticated = client().send(client().request("/api/records/",
        "Content-Type", "application/json").POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(unauthenticated.statusCode()).isEqualTo(401);
    assertSecurityHeaders(unauthenticated, false);

    HttpResponse<String> csrfMissing = client().send(client().request("/api/records/",
        "Content-Type", "application/json", "Cookie", "__Host-session=whatever")
        .POST(HttpRequest.BodyPublishers.ofString("{}")).build());
    assertThat(csrfMissing.statusCode()).isEqualTo(403);
    assertSecurityHeaders(csrfMissing, false);

    HttpResponse<String> denied = client().get("/api/no-such-endpoint", ApiClient.bearer(users.user().token()));
    assertThat(denied.statusCode()).isIn(403, 404);
    assertSecurityHeaders(denied, false);
  }

  @Test
  void onRedirects() {
    HttpResponse<String> toLogin = client().get("/account/settings/applications");
    assertThat(toLogin.statusCode()).isEqualTo(302);
    assertSecurityHeaders(toLogin, true);

    HttpResponse<String> failedLogin = client().send(client().request("/login",
            "Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString("username=a&password=b")).build());
    assertThat(failedLogin.statusCode()).isIn(302, 403);
    assertSecurityHeaders(failedLogin, true);
  }

  @Test
  void nonceIsFreshForEveryResponseAndOnEveryScriptTag() {
    Set<String> nonces = new HashSet<>();
    for (int i = 0; i < 5; i++) {
      HttpResponse<String> page = client().get("/records/");
      String nonce = assertSecurityHeaders(page, true);
      assertThat(nonces.add(nonce)).as("nonce reused").isTrue();
      Matcher scripts = Pattern.compile("<script\\b[^>]*>").matcher(page.body());
      int count = 0;
      while (scripts.find()) {
        assertThat(scripts.group()).contains("nonce=\"" + nonce + "\"");
        count++;
      }
      assertThat(count).isGreaterThanOrEqualTo(1);
      assertThat(page.body()).contains("src=\"/js/strongroom.js\"");
    }
  }

  @Test
  void pageScriptIsServedUnderTheSameHeaders() {
    HttpResponse<String> script = client().get("/js/strongroom.js");
    assertThat(script.statusCode()).isEqualTo(200);
    assertThat(script.headers().firstValue("Content-Type").orElseThrow()).contains("javascript");
    assertSecurityHeaders(script, true);
  }
}
