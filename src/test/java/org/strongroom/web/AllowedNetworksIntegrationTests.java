package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.params.ParameterizedTest;
import org.junit.jupiter.params.provider.ValueSource;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;

/**
 * Clients outside {@code allowed-networks} get 403 JSON, decided on the client address the
 * trusted proxy reported (IPv4, IPv6 and IPv4-mapped IPv6 alike). 127.0.0.1 — the test's
 * own connection — is not in the list.
 */
@IntegrationTest
@Import(PerimeterTestEndpoints.class)
@TestPropertySource(properties = {"strongroom.trusted-proxies=1",
    "strongroom.allowed-networks=10.0.0.0/8, 2001:db8::/32, ::ffff:192.168.0.0/112"})
class AllowedNetworksIntegrationTests {

  @Autowired
  ApiClient api;

  @ParameterizedTest
  @ValueSource(strings = {"10.1.2.3", "::ffff:10.1.2.3", "2001:db8::7", "2001:DB8:0:0:0:0:0:8",
      "192.168.3.4", "::ffff:192.168.3.4"})
  void addressesInsideTheListAreServed(String client) {
    HttpResponse<String> response = new PerimeterClient(api).get("/api/records/", "X-Forwarded-For", client);

    assertThat(response.statusCode()).isEqualTo(200);
  }

  @ParameterizedTest
  @ValueSource(strings = {"11.1.2.3", "::ffff:11.1.2.3", "2001:db9::1", "::1", "192.169.0.1", "fe80::1"})
  void addressesOutsideTheListAreRefused(String client) {
    HttpResponse<String> response = new PerimeterClient(api).get("/api/records/", "X-Forwarded-For", client);

    assertRefused(response);
  }

  @ParameterizedTest
  @ValueSource(strings = {"/api/records/", "/records/", "/login", "/no/such/page"})
  void theDirectConnectionOutsideTheListIsRefusedEverywhere(String path) {
    assertRefused(new PerimeterClient(api).get(path));
  }

  @ParameterizedTest
  @ValueSource(strings = {"10.1.2.3, 11.1.2.3", "10.1.2.3,::1"})
  void aSpoofedAllowedAddressLeftOfTheProxysEntryDoesNotHelp(String forwardedFor) {
    assertRefused(new PerimeterClient(api).get("/api/records/", "X-Forwarded-For", forwardedFor));
  }

  private static void assertRefused(HttpResponse<String> response) {
    assertThat(response.statusCode()).isEqualTo(403);
    assertThat(ApiClient.json(response).path("status").asInt()).isEqualTo(403);
    assertThat(ApiClient.json(response).path("message").asString()).isEqualTo(AllowedNetworksFilter.MESSAGE);
    assertThat(response.headers().firstValue("Strict-Transport-Security")).isPresent();
  }
}
