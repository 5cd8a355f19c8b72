package org.strongroom.web;

import java.util.Collections;
import java.util.Enumeration;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletRequestWrapper;

/**
 * The request as the rest of the application sees it: the resolved client address, the
 * trusted scheme, host and port (from the proxy when trusted, else the connection's own), and
 * no forwarded headers, so nothing downstream can be fooled by them.
 */
final class ForwardedRequest extends HttpServletRequestWrapper {

  /** The headers a proxy may set, which no code after {@code ForwardedHeadersFilter} sees. */
  static final List<String> HIDDEN_NAMES = List.of("x-forwarded-for", "x-forwarded-proto",
      "x-forwarded-host", "x-forwarded-port", "x-forwarded-prefix", "x-forwarded-ssl",
      "x-real-ip", "forwarded");
  private static final Set<String> HIDDEN = Set.copyOf(HIDDEN_NAMES);

  private final String clientAddress;
  private final String scheme;
  private final String host;
  private final int port;

  ForwardedRequest(HttpServletRequest request, String clientAddress, String scheme, String host, int port) {
    super(request);
    this.clientAddress = clientAddress;
    this.scheme = scheme;
    this.host = host;
    this.port = port;
  }

  /** The forwarded host, or null when the request's own Host applies. */
  String host() {
    return host;
  }

  String clientAddress() {
    return clientAddress;
  }

  @Override
  public String getRemoteAddr() {
    return clientAddress;
  }

  @Override
  public String getRemoteHost() {
    return clientAddress;
  }

  @Override
  public String getScheme() {
    return scheme != null ? scheme : super.getScheme();
  }

  @Override
  public boolean isSecure() {
    return scheme != null ? scheme.equals("https") : super.isSecure();
  }

  @Override
  public String getServerName() {
    return host != null ? host : super.getServerName();
  }

  @Override
  public int getServerPort() {
    if (port > 0) {
      return port;
    }
    if (host != null || scheme != null) {
      return getScheme().equals("https") ? 443 : 80;
    }
    return super.getServerPort();
  }

  @Override
  public StringBuffer getRequestURL() {
    StringBuffer url = new StringBuffer(getScheme()).append("://").append(getServerName());
    int serverPort = getServerPort();
    boolean defaultPort = (getScheme().equals("https") && serverPort == 443)
        || (getScheme().equals("http") && serverPort == 80);
    if (!defaultPort) {
      url.append(':').append(serverPort);
    }
    return url.append(getRequestURI());
  }

  @Override
  public String getHeader(String name) {
    if (isHidden(name)) {
      return null;
    }
    if (host != null && name.equalsIgnoreCase("Host")) {
      return port > 0 ? host + ":" + port : host;
    }
    return super.getHeader(name);
  }

  @Override
  public Enumeration<String> getHeaders(String name) {
    if (isHidden(name)) {
      return Collections.emptyEnumeration();
    }
    if (host != null && name.equalsIgnoreCase("Host")) {
      return Collections.enumeration(java.util.List.of(getHeader("Host")));
    }
    return super.getHeaders(name);
  }

  @Override
  public Enumeration<String> getHeaderNames() {
    return Collections.enumeration(Collections.list(super.getHeaderNames()).stream()
        .filter(name -> !isHidden(name)).toList());
  }

  private static boolean isHidden(String name) {
    return name != null && HIDDEN.contains(name.toLowerCase(Locale.ROOT));
  }
}
