package org.strongroom.accounts.session;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.springframework.session.MapSession;
import org.strongroom.support.MutableClock;

class InMemorySessionRepositoryTests {

  final MutableClock clock = new MutableClock();

  @Test
  void aFloodOfSessionsCannotGrowTheStoreBeyondItsBound() {
    InMemorySessionRepository sessions = new InMemorySessionRepository(Duration.ofMinutes(30), 100, clock);
    for (int i = 0; i < 1000; i++) {
      sessions.save(sessions.createSession());
    }
    assertThat(sessions.size()).isEqualTo(100);
  }

  @Test
  void anonymousSessionsMakeRoomBeforeSignedInOnes() {
    InMemorySessionRepository sessions = new InMemorySessionRepository(Duration.ofMinutes(30), 10, clock);
    MapSession signedIn = sessions.createSession();
    signedIn.setAttribute(org.springframework.security.web.context.HttpSessionSecurityContextRepository
        .SPRING_SECURITY_CONTEXT_KEY, "context");
    sessions.save(signedIn);
    for (int i = 0; i < 1000; i++) {
      sessions.save(sessions.createSession());
    }
    assertThat(sessions.findById(signedIn.getId())).isNotNull();
  }

  @Test
  void aChangedIdReplacesTheOldOne() {
    InMemorySessionRepository sessions = new InMemorySessionRepository(Duration.ofMinutes(30), 100, clock);
    MapSession session = sessions.createSession();
    sessions.save(session);
    String old = session.getId();
    MapSession loaded = sessions.findById(old);
    loaded.changeSessionId();
    sessions.save(loaded);
    assertThat(sessions.findById(old)).isNull();
    assertThat(sessions.findById(loaded.getId())).isNotNull();
  }

  @Test
  void expiredSessionsAreNotFound() {
    InMemorySessionRepository sessions = new InMemorySessionRepository(Duration.ofMinutes(30), 100, clock);
    MapSession session = sessions.createSession();
    sessions.save(session);
    clock.advance(Duration.ofMinutes(30).minusSeconds(1));
    assertThat(sessions.findById(session.getId())).isNotNull();
    clock.advance(Duration.ofSeconds(1));
    assertThat(sessions.findById(session.getId())).isNull();
    assertThat(sessions.size()).isZero();
  }

  @Test
  void eachSaveIsAUseThatRestartsTheIdleTime() {
    InMemorySessionRepository sessions = new InMemorySessionRepository(Duration.ofMinutes(30), 100, clock);
    MapSession session = sessions.createSession();
    sessions.save(session);
    clock.advance(Duration.ofMinutes(20));
    sessions.save(sessions.findById(session.getId()));
    clock.advance(Duration.ofMinutes(20));
    assertThat(sessions.findById(session.getId())).isNotNull();
  }
}
