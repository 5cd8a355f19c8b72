package org.strongroom.web;

import java.util.List;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The perimeter's settings: which Host names, proxies and networks are trusted, the
 * Content-Security-Policy and the optional plain-HTTP redirect port. These keys sit directly
 * under {@code strongroom.} (their names are the product contract), so this record is bound at
 * that prefix and holds only them; {@code ConfigurationOwnershipTests} keeps it that way.
 * Invalid values stop the start-up with a message naming the key and the fix.
 *
 * @param allowedHosts     Host header allow-list; {@code .example.org} matches subdomains;
 *                         {@code *} accepts any host and is refused in production
 * @param trustedProxies   number of reverse proxies in front of the server (0 to 10); with 0
 *                         every X-Forwarded-* header is ignored
 * @param allowedNetworks  client address ranges (CIDR) that may connect at all
 * @param csp              Content-Security-Policy template; {@code {nonce}} is replaced per response
 * @param httpRedirectPort a plain HTTP port that only answers 308 to HTTPS; unset means none
 */
@ConfigurationProperties(prefix = "strongroom")
record PerimeterProperties(@DefaultValue({"localhost", "127.0.0.1", "[::1]"}) List<String> allowedHosts,
    @DefaultValue("0") Integer trustedProxies, @DefaultValue({"0.0.0.0/0", "::/0"}) List<String> allowedNetworks,
    @DefaultValue(PerimeterProperties.DEFAULT_CSP) String csp, Integer httpRedirectPort) {

  static final String DEFAULT_CSP = "default-src 'none'; script-src 'self' 'nonce-{nonce}'; "
      + "style-src 'self' 'nonce-{nonce}'; img-src 'self' data:; font-src 'self'; connect-src 'self'; "
      + "manifest-src 'self'; object-src 'none'; base-uri 'none'; frame-ancestors 'self'; "
      + "form-action 'self'; report-uri /api/csp-report";
  static final int MAX_TRUSTED_PROXIES = 10;

  PerimeterProperties {
    allowedHosts = allowedHosts == null ? List.of("localhost", "127.0.0.1", "[::1]") : clean(allowedHosts);
    if (allowedHosts.isEmpty()) {
      throw invalid("strongroom.allowed-hosts is empty, so no request could be answered; list the host "
          + "names clients use, e.g. repo.example.org");
    }
    trustedProxies = trustedProxies == null ? 0 : trustedProxies;
    if (trustedProxies < 0 || trustedProxies > MAX_TRUSTED_PROXIES) {
      throw invalid("strongroom.trusted-proxies must be between 0 and " + MAX_TRUSTED_PROXIES
          + " (the number of reverse proxies in front of the server), not " + trustedProxies);
    }
    allowedNetworks = allowedNetworks == null ? List.of("0.0.0.0/0", "::/0") : clean(allowedNetworks);
    if (allowedNetworks.isEmpty()) {
      throw invalid("strongroom.allowed-networks is empty, so nobody could connect; "
          + "use 0.0.0.0/0, ::/0 to allow every address");
    }
    for (String network : allowedNetworks) {
      Networks.parse(network);
    }
    csp = csp == null || csp.isBlank() ? DEFAULT_CSP : csp.strip();
    if (csp.chars().anyMatch(c -> c < 0x20 || c == 0x7f)) {
      throw invalid("strongroom.csp contains a control character (a line break?); write the policy on one line");
    }
    if (httpRedirectPort != null && (httpRedirectPort < 1 || httpRedirectPort > 65535)) {
      throw invalid("strongroom.http-redirect-port must be a TCP port (1-65535), not " + httpRedirectPort);
    }
  }

  boolean allowsAnyHost() {
    return allowedHosts.contains("*");
  }

  private static List<String> clean(List<String> values) {
    return values.stream().map(String::strip).filter(value -> !value.isEmpty()).toList();
  }

  private static IllegalArgumentException invalid(String message) {
    return new IllegalArgumentException(message);
  }
}
