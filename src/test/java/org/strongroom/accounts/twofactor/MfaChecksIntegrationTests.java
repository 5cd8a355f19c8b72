package org.strongroom.accounts.twofactor;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.ApplicationContext;
import org.strongroom.accounts.Accounts;
import org.strongroom.accounts.users.UserStore;
import org.strongroom.instance.Finding;
import org.strongroom.passkeys.PasskeyStandIns;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;

/** SR-W070 counts active superusers with no second factor (neither TOTP nor a passkey), as a warning. */
@IntegrationTest
class MfaChecksIntegrationTests {

  @Autowired MfaChecks checks;
  @Autowired TestUsers users;
  @Autowired Accounts accounts;
  @Autowired UserStore store;
  @Autowired ApplicationContext context;

  long withoutSecondFactor() {
    List<Finding> findings = checks.check(true);
    return findings.isEmpty() ? 0 : Long.parseLong(findings.get(0).message().split(" ")[0]);
  }

  @Test
  void superusersWithoutTotpAreReported() {
    long before = withoutSecondFactor();
    TestUsers.User admin = users.superuser();
    users.user();
    List<Finding> findings = checks.check(true);
    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.id()).isEqualTo("SR-W070");
      assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
      assertThat(finding.message()).startsWith((before + 1) + " superuser")
          .contains("no second factor (TOTP or passkey)");
    });
    accounts.setActive(admin.id(), false);
    assertThat(withoutSecondFactor()).isEqualTo(before);
  }

  @Test
  void aSuperuserWithAPasskeyHasASecondFactor() {
    TestUsers.User admin = users.superuser();
    long before = withoutSecondFactor();
    assertThat(before).isPositive();
    PasskeyStandIns.add(context, admin.email());
    assertThat(withoutSecondFactor()).isEqualTo(before - 1);
    assertThat(store.activeSuperusersWithoutTotp()).contains(admin.id());
  }
}
