package org.strongroom.sso;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/**
 * {@link LdapTlsContract} over {@code ldap://} upgraded with StartTLS: the password is sent only
 * after the upgrade.
 */
class LdapStartTlsIntegrationTests extends LdapTlsContract {

  @DynamicPropertySource
  static void directory(DynamicPropertyRegistry registry) {
    registry.add("strongroom.sso.ldap.url", () -> "ldap://localhost:" + DIRECTORY.startTlsPort() + "/dc=example,dc=org");
    registry.add("strongroom.sso.ldap.start-tls", () -> "true");
    common(registry);
  }

  @Override
  String address() {
    return "ldap://localhost:" + DIRECTORY.startTlsPort() + " (StartTLS)";
  }

  /** The recorder works: a password sent before StartTLS is there to be seen. */
  @Test
  void aPasswordSentWithoutStartTlsWouldBeSeenOnTheWire() throws Exception {
    try (var connection = new com.unboundid.ldap.sdk.LDAPConnection("localhost", DIRECTORY.startTlsPort())) {
      assertThat(org.assertj.core.api.Assertions.catchThrowable(() -> connection.bind(
          "uid=ada,ou=people,dc=example,dc=org", "typed-in-clear-on-purpose"))).isNotNull();
    }
    assertThat(DIRECTORY.seenInClear("typed-in-clear-on-purpose")).isTrue();
  }
}
