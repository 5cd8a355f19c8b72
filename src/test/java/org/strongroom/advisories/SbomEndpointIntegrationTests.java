package org.strongroom.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.URI;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Value;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import tools.jackson.databind.json.JsonMapper;

/**
 * The management port serves the build's SBOM at /actuator/sbom; the application port does not.
 * The properties are ManagementPortIntegrationTests' (the second one changes nothing here), so
 * that both share one Spring context.
 */
@IntegrationTest
@TestPropertySource(properties = {
    "strongroom.management.port=5001", // made random by Spring Boot's test support
    "management.observations.enable.spring.security=true"})
class SbomEndpointIntegrationTests {

  @Autowired
  ApiClient api;
  @Value("${local.management.port}")
  int managementPort;

  @Test
  void theManagementPortServesTheEmbeddedSbom() throws Exception {
    HttpClient client = HttpClient.newHttpClient();

    HttpResponse<String> list = client.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + managementPort + "/actuator/sbom")).build(), HttpResponse.BodyHandlers.ofString());
    HttpResponse<String> sbom = client.send(HttpRequest.newBuilder(
        URI.create("http://127.0.0.1:" + managementPort + "/actuator/sbom/application")).build(),
        HttpResponse.BodyHandlers.ofString());

    assertThat(list.statusCode()).isEqualTo(200);
    assertThat(list.body()).contains("application");
    assertThat(sbom.statusCode()).isEqualTo(200);
    assertThat(JsonMapper.shared().readTree(sbom.body()).path("bomFormat").asString()).isEqualTo("CycloneDX");
    assertThat(sbom.body()).isEqualTo(Sbom.ofThisBuild().json());
  }

  @Test
  void theApplicationPortDoesNot() {
    HttpResponse<String> response = api.get("/actuator/sbom/application");

    assertThat(response.statusCode()).isNotEqualTo(200);
    assertThat(response.body()).doesNotContain("CycloneDX");
  }
}
