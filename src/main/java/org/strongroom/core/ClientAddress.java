package org.strongroom.core;

import jakarta.servlet.http.HttpServletRequest;

/**
 * The one place every feature reads the client's address from. The perimeter sets it once
 * per request (after deciding which forwarded headers to trust); until then, or outside the
 * perimeter, it is the TCP peer address.
 */
public final class ClientAddress {

  public static final String ATTRIBUTE = ClientAddress.class.getName();

  private ClientAddress() {}

  public static String of(HttpServletRequest request) {
    Object resolved = request.getAttribute(ATTRIBUTE);
    return resolved instanceof String address ? address : request.getRemoteAddr();
  }
}
