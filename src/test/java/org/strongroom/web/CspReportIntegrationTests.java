package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpRequest;
import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.system.CapturedOutput;
import org.springframework.boot.test.system.OutputCaptureExtension;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;

/** {@code POST /api/csp-report}: both report formats, size cap, JSON only, logged without control characters. */
@IntegrationTest
@ExtendWith(OutputCaptureExtension.class)
class CspReportIntegrationTests {

  @Autowired
  ApiClient api;

  HttpResponse<String> report(String type, String body, String... headers) {
    PerimeterClient client = new PerimeterClient(api);
    return client.send(client.request("/api/csp-report", headers).header("Content-Type", type)
        .POST(HttpRequest.BodyPublishers.ofString(body)).build());
  }

  @Test
  void legacyReportIsAcceptedAndLogged(CapturedOutput output) {
    HttpResponse<String> response = report("application/csp-report",
        "{\"csp-report\":{\"document-uri\":\"https://localhost/records/\",\"violated-directive\":\"script-src-elem\","
            + "\"blocked-uri\":\"inline\",\"x\":\"line\\nbreak\"}}", "X-Forwarded-For", "203.0.113.1");

    assertThat(response.statusCode()).isEqualTo(204);
    assertThat(output.getOut()).contains("CSP violation reported by 127.0.0.1")
        .contains("script-src-elem").contains("line\\nbreak");
  }

  @Test
  void reportingApiReportIsAccepted() {
    HttpResponse<String> response = report("application/reports+json",
        "[{\"type\":\"csp-violation\",\"body\":{\"blockedURL\":\"inline\",\"effectiveDirective\":\"script-src-elem\"}}]");

    assertThat(response.statusCode()).isEqualTo(204);
  }

  @Test
  void aSessionCookieDoesNotTurnItIntoACsrfError() {
    HttpResponse<String> response = report("application/csp-report", "{\"csp-report\":{}}",
        "Cookie", "__Host-session=abc");

    assertThat(response.statusCode()).isEqualTo(204);
  }

  @Test
  void bodiesAbove64KibAreRefused() {
    HttpResponse<String> response = report("application/csp-report",
        "{\"csp-report\":{\"x\":\"" + "a".repeat(64 * 1024) + "\"}}");

    assertThat(response.statusCode()).isEqualTo(413);
    assertThat(ApiClient.json(response).path("status").asInt()).isEqualTo(413);
  }

  @Test
  void chunkedBodiesAbove64KibAreRefused() {
    byte[] body = ("{\"csp-report\":{\"x\":\"" + "a".repeat(64 * 1024) + "\"}}").getBytes();
    PerimeterClient client = new PerimeterClient(api);
    HttpResponse<String> response = client.send(client.request("/api/csp-report",
            "Content-Type", "application/csp-report")
        .POST(HttpRequest.BodyPublishers.ofInputStream(() -> new java.io.ByteArrayInputStream(body))).build());

    assertThat(response.statusCode()).isEqualTo(413);
  }

  @Test
  void notJsonIsRefused() {
    HttpResponse<String> response = report("application/csp-report", "<csp-report/>");

    assertThat(response.statusCode()).isEqualTo(400);
    assertThat(ApiClient.json(response).path("message").asString()).isEqualTo("CSP report is not valid JSON");
  }

  @Test
  void otherContentTypesAreRefused() {
    assertThat(report("text/plain", "{}").statusCode()).isEqualTo(415);
  }
}
