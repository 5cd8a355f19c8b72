package org.strongroom.accounts;

import java.util.List;

import org.springframework.stereotype.Component;
import org.strongroom.instance.DeployCheck;
import org.strongroom.instance.Finding;

/**
 * SR-W070: superusers without a second factor. A warning, never an error: in production
 * {@code require-mfa-for-superusers} already confines such a superuser to the enrolment
 * page, and refusing to start would leave them no way to enrol.
 */
@Component
class MfaChecks implements DeployCheck {

  static final String ID = "SR-W070";

  private final UserStore users;

  MfaChecks(UserStore users) {
    this.users = users;
  }

  @Override
  public List<Finding> check(boolean deploy) {
    long without = users.activeSuperusersWithoutTotp();
    return without == 0 ? List.of() : List.of(Finding.warning(ID,
        without + (without == 1 ? " superuser has" : " superusers have") + " no second factor (TOTP)",
        "each enrols at /account/security; strongroom.security.require-mfa-for-superusers (on in production) "
            + "makes them do so at their next login"));
  }
}
