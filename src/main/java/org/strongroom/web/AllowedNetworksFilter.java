package org.strongroom.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.annotation.Order;
import org.strongroom.core.ClientAddress;
import org.strongroom.core.JsonErrors;
import org.strongroom.core.RequestFilter;

/** Refuses clients whose address (as resolved by the trusted-proxy rule) is outside {@code allowed-networks}. */
@Order(PerimeterOrder.NETWORKS)
class AllowedNetworksFilter extends RequestFilter {

  static final String MESSAGE = "Your network address is not allowed to use this server";

  private final Networks networks;

  AllowedNetworksFilter(PerimeterProperties properties) {
    this.networks = new Networks(properties.allowedNetworks());
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    if (!networks.contains(ClientAddress.of(request))) {
      JsonErrors.write(response, 403, MESSAGE);
      return;
    }
    chain.doFilter(request, response);
  }
}
