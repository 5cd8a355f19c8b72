package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThatCode;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import org.junit.jupiter.api.Test;

/** The management server refuses to start where it could answer anyone but this machine. */
class ManagementServerGuardTests {

  @Test
  void aNonLoopbackAddressIsRefusedWithTheKeyAndTheFix() {
    for (String address : new String[] {"0.0.0.0", "::", "192.168.1.10", "10.0.0.1", "example.org", "localhost", ""}) {
      assertThatThrownBy(() -> ManagementServerGuard.check(5001, 5000, address)).as(address)
          .hasMessageContaining("management.server.address must be a loopback address");
    }
    assertThatThrownBy(() -> ManagementServerGuard.check(5001, 5000, null))
        .hasMessageContaining("management.server.address");
  }

  @Test
  void theApplicationPortIsRefused() {
    assertThatThrownBy(() -> ManagementServerGuard.check(5000, 5000, "127.0.0.1"))
        .hasMessageContaining("strongroom.management.port (5000) must differ from the HTTPS port");
  }

  @Test
  void aPortOutOfRangeIsRefused() {
    assertThatThrownBy(() -> new ManagementProperties(70000))
        .hasMessageContaining("strongroom.management.port must be between 1 and 65535, or -1");
  }

  @Test
  void loopbackOrOffIsAccepted() {
    assertThatCode(() -> ManagementServerGuard.check(5001, 5000, "127.0.0.1")).doesNotThrowAnyException();
    assertThatCode(() -> ManagementServerGuard.check(5001, 5000, "::1")).doesNotThrowAnyException();
    assertThatCode(() -> ManagementServerGuard.check(-1, 5000, "0.0.0.0")).doesNotThrowAnyException();
  }
}
