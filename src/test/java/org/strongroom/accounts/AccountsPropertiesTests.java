package org.strongroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.time.Duration;

import org.junit.jupiter.api.Test;

class AccountsPropertiesTests {

  @Test
  void defaultsFollowTheContract() {
    AccountsProperties defaults = new AccountsProperties(null, null, null, null, null, null);
    assertThat(defaults.session().idleTimeout()).isEqualTo(Duration.ofMinutes(30));
    assertThat(defaults.session().absoluteTimeout()).isEqualTo(Duration.ofHours(12));
    assertThat(defaults.login().maxFailures()).isEqualTo(5);
    assertThat(defaults.login().failureWindow()).isEqualTo(Duration.ofMinutes(15));
    assertThat(defaults.sudo().duration()).isEqualTo(Duration.ofMinutes(10));
    assertThat(defaults.mfaRequiredForSuperusers(false)).isFalse();
    assertThat(defaults.mfaRequiredForSuperusers(true)).isTrue();
  }

  @Test
  void badValuesNameTheKeyAndTheFix() {
    assertThatThrownBy(() -> new AccountsProperties.Session(Duration.ZERO, null, null))
        .hasMessageContaining("strongroom.security.session.idle-timeout").hasMessageContaining("positive duration");
    assertThatThrownBy(() -> new AccountsProperties.Login(0, null, null, null, null))
        .hasMessageContaining("strongroom.security.login.max-failures");
    assertThatThrownBy(() -> new AccountsProperties.Login(null, null, Duration.ofHours(2), Duration.ofHours(1), null))
        .hasMessageContaining("strongroom.security.login.max-lockout");
  }

  @Test
  void mfaForSuperusersCanBeSetEitherWayExplicitly() {
    assertThat(new AccountsProperties(null, null, null, null, null, false).mfaRequiredForSuperusers(true)).isFalse();
    assertThat(new AccountsProperties(null, null, null, null, null, true).mfaRequiredForSuperusers(false)).isTrue();
  }
}
