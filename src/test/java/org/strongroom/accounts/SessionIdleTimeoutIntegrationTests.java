package org.strongroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestUsers;

/** The idle timeout ends a session that was not used for that long, and only then. */
@IntegrationTest
@TestPropertySource(properties = "strongroom.security.session.idle-timeout=3s")
class SessionIdleTimeoutIntegrationTests {

  @Autowired ApiClient api;
  @Autowired TestUsers users;

  @Test
  void anIdleSessionEndsAndAnActiveOneDoesNot() throws InterruptedException {
    TestUsers.User user = users.user();
    SessionClient active = new SessionClient(api);
    SessionClient idle = new SessionClient(api);
    active.login(user.email(), TestUsers.PASSWORD);
    idle.login(user.email(), TestUsers.PASSWORD);
    for (int i = 0; i < 4; i++) {
      Thread.sleep(1000);
      assertThat(active.get("/api/me").statusCode()).isEqualTo(200);
    }
    assertThat(idle.get("/api/me").statusCode()).isEqualTo(401);
  }
}
