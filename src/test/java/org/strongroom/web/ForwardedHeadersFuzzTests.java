package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Duration;
import java.util.List;
import java.util.concurrent.atomic.AtomicReference;

import com.code_intelligence.jazzer.junit.FuzzTest;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.mock.web.MockFilterChain;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockHttpServletResponse;
import org.strongroom.core.ClientAddress;
import org.strongroom.files.FilesProperties;

/**
 * {@code X-Forwarded-*} and {@code Forwarded} as a client or proxy may send them. Input lines:
 * the number of trusted proxies (first byte, 0-3), then {@code Name: value} header lines. The
 * filter either refuses with a 400 JSON body naming an untrusted host, or passes on a request
 * whose client address is an IP literal, whose scheme is http or https, whose host is trusted,
 * and that carries no forwarded header at all. With no trusted proxy the request is exactly the
 * connection's. Nothing is thrown. (A {@code Host} line is left out: refusing an untrusted Host
 * is the trusted-host filter's job; the fuzzer's first finding here was that mix-up in the target.)
 */
class ForwardedHeadersFuzzTests {

  private static final List<String> HOSTS = List.of("localhost", "127.0.0.1", ".example.org");
  private static final FilesProperties FILES = new FilesProperties(null, null,
      List.of(), Duration.ofSeconds(60), Duration.ofHours(1), Duration.ofHours(1));

  @FuzzTest(maxDuration = "30s")
  void forwardedHeaders(byte[] input) throws Exception {
    int proxies = input.length == 0 ? 0 : Math.floorMod(input[0], 4);
    String[] lines = new String(input, StandardCharsets.UTF_8).split("\n");
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/records/");
    request.setRemoteAddr("192.0.2.7");
    request.setServerName("localhost");
    request.setScheme("https");
    request.setSecure(true);
    request.setServerPort(5000);
    request.setLocalPort(5000);  // the connector's port: a Host port it does not serve is replaced by it
    for (int i = 1; i < lines.length; i++) {
      int colon = lines[i].indexOf(':');
      String name = colon > 0 ? lines[i].substring(0, colon).strip() : "";
      // Host itself is TrustedHostFilter's to refuse (TrustedHostIntegrationTests), not this filter's.
      if (!name.isEmpty() && !name.equalsIgnoreCase("Host")) {
        request.addHeader(name, lines[i].substring(colon + 1));
      }
    }
    ForwardedHeadersFilter filter = new ForwardedHeadersFilter(
        new PerimeterProperties(HOSTS, proxies, null, null, null),
        FILES);
    AtomicReference<HttpServletRequest> passed = new AtomicReference<>();
    MockHttpServletResponse response = new MockHttpServletResponse();

    filter.doFilter(request, response, new MockFilterChain() {
      @Override
      public void doFilter(jakarta.servlet.ServletRequest req, jakarta.servlet.ServletResponse res) {
        passed.set((HttpServletRequest) req);
      }
    });

    if (passed.get() == null) {
      assertThat(response.getStatus()).isEqualTo(400);
      assertThat(response.getContentAsString()).startsWith("{\"message\":\"Host \\\"").contains("\"status\":400");
      assertThat(proxies).isPositive();
      return;
    }
    HttpServletRequest seen = passed.get();
    String client = (String) request.getAttribute(ClientAddress.ATTRIBUTE);
    assertThat(Networks.literal(client)).as("client %s", client).isNotNull();
    assertThat(seen.getRemoteAddr()).isEqualTo(client);
    assertThat(seen.getScheme()).isIn("http", "https");
    assertThat(new TrustedHosts(HOSTS).isTrusted(seen.getServerName())).as(seen.getServerName()).isTrue();
    for (String hidden : ForwardedRequest.HIDDEN_NAMES) {
      assertThat(seen.getHeader(hidden)).as(hidden).isNull();
      assertThat(seen.getHeaders(hidden).hasMoreElements()).isFalse();
    }
    if (proxies == 0) {
      assertThat(client).isEqualTo("192.0.2.7");
      assertThat(seen.getScheme()).isEqualTo("https");
      assertThat(seen.getServerName()).isEqualTo("localhost");
      assertThat(seen.getServerPort()).isEqualTo(5000);
    }
  }
}
