package org.strongroom.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.strongroom.core.JsonErrors;
import org.strongroom.core.RequestFilter;
import org.strongroom.files.FilesProperties;

/**
 * Refuses a request whose Host is not in {@code strongroom.allowed-hosts} before any other
 * processing, so that no link, redirect or e-mail can ever be built from it.
 */
@Order(PerimeterOrder.TRUSTED_HOST)
class TrustedHostFilter extends RequestFilter {

  private final TrustedHosts hosts;

  TrustedHostFilter(PerimeterProperties properties, FilesProperties files) {
    this.hosts = TrustedHosts.of(properties, files);
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    String host = request.getServerName();
    if (!hosts.isTrusted(host, request.getServerPort())) {
      JsonErrors.write(response, 400, TrustedHosts.notTrustedMessage(host));
      return;
    }
    chain.doFilter(request, response);
  }
}
