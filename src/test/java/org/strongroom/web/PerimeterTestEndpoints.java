package org.strongroom.web;

import java.util.LinkedHashMap;
import java.util.Map;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.core.annotation.Order;
import org.springframework.http.MediaType;
import org.springframework.security.config.annotation.web.builders.HttpSecurity;
import org.springframework.security.web.SecurityFilterChain;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.ResponseBody;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.strongroom.core.ClientAddress;

/**
 * Test-only endpoints under {@code /test/}: what the application sees of the request after
 * the perimeter (client address, scheme, host, forwarded headers), and a page with inline
 * scripts with and without the CSP nonce for the browser test. (The controller is found by
 * component scanning of the test classes; without {@link #testChain} its paths stay denied.)
 */
@TestConfiguration(proxyBeanMethods = false)
class PerimeterTestEndpoints {

  @Bean
  @Order(0)
  SecurityFilterChain testChain(HttpSecurity http) throws Exception {
    http.securityMatcher("/test/**")
        .authorizeHttpRequests(requests -> requests.anyRequest().permitAll())
        .headers(headers -> headers.disable())
        .csrf(csrf -> csrf.disable());
    return http.build();
  }

  @Controller
  static class Echo {

    @GetMapping(path = "/test/echo", produces = MediaType.APPLICATION_JSON_VALUE)
    @ResponseBody
    @PermitAll
    Map<String, Object> echo(HttpServletRequest request) {
      Map<String, Object> seen = new LinkedHashMap<>();
      seen.put("client", ClientAddress.of(request));
      seen.put("remoteAddr", request.getRemoteAddr());
      seen.put("scheme", request.getScheme());
      seen.put("secure", request.isSecure());
      seen.put("host", request.getServerName());
      seen.put("port", request.getServerPort());
      seen.put("base", ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString());
      seen.put("xForwardedFor", String.valueOf(request.getHeader("X-Forwarded-For")));
      seen.put("xForwardedHost", String.valueOf(request.getHeader("X-Forwarded-Host")));
      return seen;
    }

    /** One script with the nonce, one without: CSP must let only the first run. */
    @GetMapping(path = "/test/inline-script", produces = MediaType.TEXT_HTML_VALUE)
    @ResponseBody
    @PermitAll
    String inlineScript(HttpServletRequest request) {
      String nonce = (String) request.getAttribute(SecurityHeadersFilter.NONCE_ATTRIBUTE);
      return """
          <!DOCTYPE html><html><head><title>csp test</title>
          <script nonce="%s">
            window.violations = [];
            document.addEventListener('securitypolicyviolation', function (e) {
              window.violations.push(e.violatedDirective);
            });
            window.withNonce = 'ran';
          </script>
          <script>window.withoutNonce = 'ran';</script>
          </head><body><p id="p">page</p></body></html>
          """.formatted(nonce);
    }
  }
}
