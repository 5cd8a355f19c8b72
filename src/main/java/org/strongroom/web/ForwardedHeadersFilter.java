package org.strongroom.web;

import java.io.IOException;
import java.net.InetAddress;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;
import java.util.concurrent.atomic.AtomicBoolean;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.core.annotation.Order;
import org.strongroom.core.ClientAddress;
import org.strongroom.core.JsonErrors;
import org.strongroom.core.RequestFilter;
import org.strongroom.files.FilesProperties;

/**
 * The one place that decides who the client is and which scheme, host and port it used.
 * With {@code trusted-proxies = N ≥ 1} the client is the N-th address from the right of
 * {@code X-Forwarded-For} (the one our own outermost proxy appended), and
 * {@code X-Forwarded-Proto/-Host/-Port} are taken the same way; a forwarded host must pass the
 * trusted-host check. With N = 0 every forwarded header is ignored. Either way the request
 * seen by the rest of the application carries no forwarded header at all.
 */
@Order(PerimeterOrder.FORWARDED)
class ForwardedHeadersFilter extends RequestFilter {

  private static final Logger log = LoggerFactory.getLogger(ForwardedHeadersFilter.class);

  private final int trustedProxies;
  private final TrustedHosts hosts;
  private final AtomicBoolean warnedUntrustedHeaders = new AtomicBoolean();
  private final AtomicBoolean warnedMissingHeaders = new AtomicBoolean();

  ForwardedHeadersFilter(PerimeterProperties properties, FilesProperties files) {
    this.trustedProxies = properties.trustedProxies();
    this.hosts = TrustedHosts.of(properties, files);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    if (trustedProxies == 0 && carriesNothingToHide(request) && servedPort(request)) {
      // Nothing to hide or rewrite: the request goes on as it came, one wrapper fewer for
      // every header and attribute lookup after this filter.
      request.setAttribute(ClientAddress.ATTRIBUTE, request.getRemoteAddr());
      chain.doFilter(request, response);
      return;
    }
    ForwardedRequest resolved = trustedProxies == 0 ? direct(request) : forwarded(request);
    if (resolved.host() != null && !hosts.isTrusted(resolved.host())) {
      JsonErrors.write(response, 400, TrustedHosts.notTrustedMessage(resolved.host()));
      return;
    }
    request.setAttribute(ClientAddress.ATTRIBUTE, resolved.clientAddress());
    chain.doFilter(resolved, trustedProxies == 0 && !servedPort(request)
        ? new ServedPortRedirects(response, resolved) : response);
  }

  /** No forwarded header, and the connection's address already in the form we report. */
  private static boolean carriesNothingToHide(HttpServletRequest request) {
    for (String name : ForwardedRequest.HIDDEN_NAMES) {
      if (request.getHeader(name) != null) {
        return false;
      }
    }
    String address = request.getRemoteAddr();
    return address.equals(normalise(address));
  }

  private ForwardedRequest direct(HttpServletRequest request) {
    if (request.getHeader("X-Forwarded-For") != null && warnedUntrustedHeaders.compareAndSet(false, true)) {
      log.warn("A request carried X-Forwarded-For but strongroom.trusted-proxies is 0, so it is ignored; "
          + "if a reverse proxy sits in front of this server, set strongroom.trusted-proxies");
    }
    return new ForwardedRequest(request, normalise(request.getRemoteAddr()), null, null,
        servedPort(request) ? -1 : request.getLocalPort());
  }

  /**
   * Whether the Host header's port is one this server really serves: the connector's own, or
   * one named with the host in {@code allowed-hosts} (a port mapped in front). Otherwise links
   * are built with the connector's port: a client writing {@code Host: localhost:1234} must not
   * put an unserved port into {@code links.self}, {@code Link} or a redirect.
   */
  private boolean servedPort(HttpServletRequest request) {
    int port = request.getServerPort();
    return port == request.getLocalPort() || hosts.namesPort(request.getServerName(), port);
  }

  private ForwardedRequest forwarded(HttpServletRequest request) {
    String client = normalise(request.getRemoteAddr());
    String forwardedFor = nthFromRight(request, "X-Forwarded-For");
    if (forwardedFor != null) {
      InetAddress address = Networks.literal(forwardedFor);
      if (address != null) {
        client = address.getHostAddress();
      }
    } else if (warnedMissingHeaders.compareAndSet(false, true)) {
      log.warn("strongroom.trusted-proxies is {} but a request carried fewer X-Forwarded-For entries; "
          + "check that the proxy appends the client address (or lower trusted-proxies)", trustedProxies);
    }
    String scheme = nthFromRight(request, "X-Forwarded-Proto");
    if (scheme != null) {
      scheme = scheme.toLowerCase(Locale.ROOT);
      if (!scheme.equals("https") && !scheme.equals("http")) {
        scheme = null;
      }
    }
    String hostHeader = nthFromRight(request, "X-Forwarded-Host");
    String host = hostHeader == null ? null : TrustedHosts.hostOf(hostHeader);
    int port = -1;
    String portHeader = nthFromRight(request, "X-Forwarded-Port");
    if (portHeader != null) {
      port = TrustedHosts.portOf("x:" + portHeader);
    } else if (hostHeader != null) {
      port = TrustedHosts.portOf(hostHeader);
    }
    return new ForwardedRequest(request, client, scheme, host, port);
  }

  /** The N-th value from the right across every instance of the header, or null when there are fewer. */
  private String nthFromRight(HttpServletRequest request, String name) {
    List<String> values = new ArrayList<>();
    for (String header : Collections.list(request.getHeaders(name))) {
      for (String value : header.split(",")) {
        values.add(value.strip());
      }
    }
    if (values.size() < trustedProxies) {
      return null;
    }
    String value = values.get(values.size() - trustedProxies);
    return value.isEmpty() ? null : value;
  }

  /** The address as {@link InetAddress#getHostAddress()} writes it; a canonical IPv4 address already is. */
  private static String normalise(String address) {
    if (Networks.isCanonicalIpv4(address)) {
      return address;
    }
    InetAddress parsed = Networks.literal(address);
    return parsed == null ? address : parsed.getHostAddress();
  }
}
