package org.strongroom.accounts.login;

import jakarta.servlet.http.HttpServletRequest;
import org.strongroom.core.ClientAddress;

/** The client address of a login attempt (from the perimeter's single source), and its request. */
public record LoginDetails(String address, HttpServletRequest request) {

  public static LoginDetails of(HttpServletRequest request) {
    return new LoginDetails(ClientAddress.of(request), request);
  }

  @Override
  public String toString() {
    return "LoginDetails[address=" + address + "]";
  }
}
