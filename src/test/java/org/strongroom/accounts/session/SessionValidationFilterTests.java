package org.strongroom.accounts.session;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.strongroom.accounts.AccountsProperties;

class SessionValidationFilterTests {

  @Test
  void productionTurnsMfaForSuperusersOnUnlessSetExplicitly() {
    AccountsProperties unset = new AccountsProperties(null, null, null, null, null, null);
    java.time.Clock clock = java.time.Clock.systemUTC();
    org.springframework.mock.env.MockEnvironment production =
        new org.springframework.mock.env.MockEnvironment().withProperty("strongroom.env", "production");
    org.springframework.mock.env.MockEnvironment test =
        new org.springframework.mock.env.MockEnvironment().withProperty("strongroom.env", "test");
    assertThat(new SessionValidationFilter(null, unset, clock, production).mfaRequiredForSuperusers()).isTrue();
    assertThat(new SessionValidationFilter(null, unset, clock, test).mfaRequiredForSuperusers()).isFalse();
    AccountsProperties off = new AccountsProperties(null, null, null, null, null, false);
    assertThat(new SessionValidationFilter(null, off, clock, production).mfaRequiredForSuperusers()).isFalse();
  }
}
