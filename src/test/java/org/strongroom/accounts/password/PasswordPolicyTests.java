package org.strongroom.accounts.password;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;
import org.strongroom.core.ApiException;
import org.strongroom.support.TestUsers;

/** New passwords: the shipped breached corpus refuses, nbvcxz decides the rest. */
class PasswordPolicyTests {

  static final PasswordPolicy POLICY = new PasswordPolicy();

  @Test
  void passwordsFromTheBreachedCorpusAreRefused() {
    for (String password : new String[] {"password1234", "PASSWORD1234", "mailcreated5240", "leavemealone",
        "polniypizdec0211"}) {
      assertThatThrownBy(() -> POLICY.check(password)).as(password).isInstanceOf(ApiException.class)
          .hasMessageContaining("breached");
    }
  }

  @Test
  void theEstimatorHasTheFinalWordOnWhatIsNotListed() {
    for (String password : new String[] {"aaaaaaaaaaaaaaaa", "password12345!", "abcdefghijklmnop", "Password1234!"}) {
      assertThatThrownBy(() -> POLICY.check(password)).as(password).isInstanceOf(ApiException.class);
    }
    // The xkcd phrase is known to the estimator (and to every cracker).
    assertThatThrownBy(() -> POLICY.check("correct horse battery staple 42")).isInstanceOf(ApiException.class);
    assertThatCode(() -> POLICY.check(TestUsers.PASSWORD)).doesNotThrowAnyException();
    assertThatCode(() -> POLICY.check("vX9#qLm2!tRb7&wZ")).doesNotThrowAnyException();
    assertThatCode(() -> POLICY.check("maple tugboat quietly orbits")).doesNotThrowAnyException();
  }

  @Test
  void lengthIsCheckedFirst() {
    assertThatThrownBy(() -> POLICY.check("short")).hasMessageContaining("at least 12");
    assertThatThrownBy(() -> POLICY.check("x".repeat(1025))).hasMessageContaining("at most 1024");
  }
}
