package org.strongroom.accounts;

import org.strongroom.core.Caller;

/** A {@link Caller} for work the server does on a user's behalf (demo data, imports). */
@org.springframework.modulith.NamedInterface("system-callers")
public final class SystemCallers {

  private SystemCallers() {}

  public static Caller actingAs(UserAccount user) {
    return new AccountUserDetails(user.id(), user.email(), user.superuser(), user.active(), 0);
  }
}
