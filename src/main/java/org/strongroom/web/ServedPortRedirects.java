package org.strongroom.web;

import java.io.IOException;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import jakarta.servlet.http.HttpServletResponseWrapper;

/**
 * Makes a redirect to a path absolute from the request as {@link ForwardedHeadersFilter}
 * resolved it, with the port the server really serves. Tomcat would otherwise build it from the
 * Host header, so {@code Host: localhost:1234} would send the client to port 1234. Used only for
 * such a request (a Host port that is neither the connector's nor named in allowed-hosts).
 */
final class ServedPortRedirects extends HttpServletResponseWrapper {

  private final HttpServletRequest request;

  ServedPortRedirects(HttpServletResponse response, HttpServletRequest request) {
    super(response);
    this.request = request;
  }

  @Override
  public void sendRedirect(String location) throws IOException {
    super.sendRedirect(absolute(location));
  }

  @Override
  public void sendRedirect(String location, boolean clearBuffer) throws IOException {
    super.sendRedirect(absolute(location), clearBuffer);
  }

  @Override
  public void sendRedirect(String location, int sc) throws IOException {
    super.sendRedirect(absolute(location), sc);
  }

  @Override
  public void sendRedirect(String location, int sc, boolean clearBuffer) throws IOException {
    super.sendRedirect(absolute(location), sc, clearBuffer);
  }

  private String absolute(String location) {
    if (location == null || !location.startsWith("/") || location.startsWith("//")) {
      return location;
    }
    String scheme = request.getScheme();
    int port = request.getServerPort();
    boolean defaultPort = ("https".equals(scheme) && port == 443) || ("http".equals(scheme) && port == 80);
    return scheme + "://" + request.getServerName() + (defaultPort ? "" : ":" + port) + location;
  }
}
