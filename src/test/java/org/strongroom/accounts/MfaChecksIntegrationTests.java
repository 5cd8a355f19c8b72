package org.strongroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.strongroom.instance.Finding;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;

/** SR-W070 counts active superusers without TOTP, as a warning. */
@IntegrationTest
class MfaChecksIntegrationTests {

  @Autowired MfaChecks checks;
  @Autowired TestUsers users;
  @Autowired Accounts accounts;
  @Autowired UserStore store;

  @Test
  void superusersWithoutTotpAreReported() {
    long before = store.activeSuperusersWithoutTotp();
    TestUsers.User admin = users.superuser();
    users.user();
    List<Finding> findings = checks.check(true);
    assertThat(findings).singleElement().satisfies(finding -> {
      assertThat(finding.id()).isEqualTo("SR-W070");
      assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
      assertThat(finding.message()).startsWith((before + 1) + " superuser");
    });
    accounts.setActive(admin.id(), false);
    assertThat(store.activeSuperusersWithoutTotp()).isEqualTo(before);
  }
}
