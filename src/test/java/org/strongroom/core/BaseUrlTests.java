package org.strongroom.core;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.AfterEach;
import org.junit.jupiter.api.Test;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;

/** {@link BaseUrl} gives the text Spring's ServletUriComponentsBuilder gives, for every kind of request. */
class BaseUrlTests {

  @AfterEach
  void forgetTheRequest() {
    RequestContextHolder.resetRequestAttributes();
  }

  @Test
  void everySchemeHostPortAndContextPathGivesWhatSpringsBuilderGives() {
    int compared = 0;
    for (String scheme : new String[] {"https", "http", "ftp"}) {
      for (String host : new String[] {"localhost", "records.example.org", "127.0.0.1", "[::1]", "[2001:db8::7]",
          "xn--bcher-kva.example"}) {
        for (int port : new int[] {443, 80, 5000, 8443, 65535, 0, -1}) {
          for (String contextPath : new String[] {"", "/strongroom", "/a/b"}) {
            MockHttpServletRequest request = new MockHttpServletRequest("GET", contextPath + "/api/records/x");
            request.setScheme(scheme);
            request.setServerName(host);
            request.setServerPort(port);
            request.setContextPath(contextPath);

            String expected = ServletUriComponentsBuilder.fromContextPath(request).build().toUriString();
            assertThat(BaseUrl.of(request)).as("%s %s %d %s", scheme, host, port, contextPath).isEqualTo(expected);
            compared++;
          }
        }
      }
    }
    assertThat(compared).isEqualTo(378);
  }

  @Test
  void theCurrentRequestIsTheOneBoundToTheThread() {
    MockHttpServletRequest request = new MockHttpServletRequest("GET", "/api/records/");
    request.setScheme("https");
    request.setServerName("records.example.org");
    request.setServerPort(5000);
    RequestContextHolder.setRequestAttributes(new ServletRequestAttributes(request));

    assertThat(BaseUrl.current()).isEqualTo("https://records.example.org:5000")
        .isEqualTo(ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
  }
}
