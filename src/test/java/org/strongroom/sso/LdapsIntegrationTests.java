package org.strongroom.sso;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;

/** {@link LdapTlsContract} over {@code ldaps://}. */
class LdapsIntegrationTests extends LdapTlsContract {

  @DynamicPropertySource
  static void directory(DynamicPropertyRegistry registry) {
    registry.add("strongroom.sso.ldap.url", () -> "ldaps://localhost:" + DIRECTORY.ldapsPort() + "/dc=example,dc=org");
    common(registry);
  }

  @Override
  String address() {
    return "ldaps://localhost:" + DIRECTORY.ldapsPort();
  }
}
