package org.strongroom.accounts.twofactor;

import java.util.List;

import org.springframework.stereotype.Component;
import org.strongroom.accounts.SecondFactorEnrolments;
import org.strongroom.accounts.users.UserStore;
import org.strongroom.instance.DeployCheck;
import org.strongroom.instance.Finding;

/**
 * SR-W070: superusers without a second factor: neither TOTP nor another one a feature keeps
 * (a passkey, {@link SecondFactorEnrolments}), as the login rule counts them. A warning, never
 * an error: in production {@code require-mfa-for-superusers} already confines such a
 * superuser to the enrolment page, and refusing to start would leave them no way to enrol.
 */
@Component
class MfaChecks implements DeployCheck {

  static final String ID = "SR-W070";

  private final UserStore users;
  private final List<SecondFactorEnrolments> otherFactors;

  MfaChecks(UserStore users, List<SecondFactorEnrolments> otherFactors) {
    this.users = users;
    this.otherFactors = otherFactors;
  }

  @Override
  public List<Finding> check(boolean deploy) {
    long without = users.activeSuperusersWithoutTotp().stream()
        .filter(id -> otherFactors.stream().noneMatch(factor -> factor.enrolled(id))).count();
    return without == 0 ? List.of() : List.of(Finding.warning(ID,
        without + (without == 1 ? " superuser has" : " superusers have") + " no second factor (TOTP or passkey)",
        "each enrols at /account/security; strongroom.security.require-mfa-for-superusers (on in production) "
            + "makes them do so at their next login"));
  }
}
