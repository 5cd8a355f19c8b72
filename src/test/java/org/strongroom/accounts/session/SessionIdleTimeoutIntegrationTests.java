package org.strongroom.accounts.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Clock;
import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Import;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.MutableClock;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestUsers;

/**
 * The idle timeout (the default, 30 minutes) ends a session that was not used for that long,
 * and only then. The session store's clock is moved instead of waiting.
 */
@IntegrationTest
@Import(SessionIdleTimeoutIntegrationTests.IdleClock.class)
class SessionIdleTimeoutIntegrationTests {

  static final MutableClock IDLE_CLOCK = new MutableClock();

  @TestConfiguration(proxyBeanMethods = false)
  static class IdleClock {
    @Bean(name = SessionStoreConfiguration.IDLE_CLOCK, defaultCandidate = false)
    Clock sessionIdleClock() {
      return IDLE_CLOCK;
    }
  }

  @Autowired ApiClient api;
  @Autowired TestUsers users;

  @Test
  void anIdleSessionEndsAndAnActiveOneDoesNot() {
    TestUsers.User user = users.user();
    SessionClient active = new SessionClient(api);
    SessionClient idle = new SessionClient(api);
    SessionClient lateButInTime = new SessionClient(api);
    active.login(user.email(), TestUsers.PASSWORD);
    idle.login(user.email(), TestUsers.PASSWORD);
    lateButInTime.login(user.email(), TestUsers.PASSWORD);

    for (int i = 0; i < 3; i++) {
      IDLE_CLOCK.advance(Duration.ofMinutes(9).plusSeconds(40)); // 29 minutes in all
      assertThat(active.get("/api/me").statusCode()).isEqualTo(200);
    }
    assertThat(lateButInTime.get("/api/me").statusCode()).isEqualTo(200);

    IDLE_CLOCK.advance(Duration.ofMinutes(1).plusSeconds(1)); // 30 minutes and a second
    assertThat(idle.get("/api/me").statusCode()).isEqualTo(401);
    assertThat(active.get("/api/me").statusCode()).isEqualTo(200);
    assertThat(lateButInTime.get("/api/me").statusCode()).isEqualTo(200);
  }
}
