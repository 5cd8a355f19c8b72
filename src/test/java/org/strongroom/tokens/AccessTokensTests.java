package org.strongroom.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.ArgumentMatchers.any;
import static org.mockito.ArgumentMatchers.anyString;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.never;
import static org.mockito.Mockito.times;
import static org.mockito.Mockito.verify;
import static org.mockito.Mockito.when;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneId;
import java.time.ZoneOffset;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.transaction.PlatformTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.accounts.Accounts;
import org.strongroom.core.AuditEvent;
import org.strongroom.core.Caller;
import org.strongroom.core.Scope;

/** Token checks without a server: checksum before the database, CIDR ranges, the short cache, audit of new addresses. */
class AccessTokensTests {

  /** A clock the test moves. */
  static final class TestClock extends Clock {
    Instant now = Instant.parse("2026-01-01T00:00:00Z");

    @Override
    public ZoneId getZone() {
      return ZoneOffset.UTC;
    }

    @Override
    public Clock withZone(ZoneId zone) {
      return this;
    }

    @Override
    public Instant instant() {
      return now;
    }

    void advance(Duration duration) {
      now = now.plus(duration);
    }
  }

  private final TokenStore store = mock(TokenStore.class);
  private final TestClock clock = new TestClock();
  private final List<Object> events = new ArrayList<>();
  private AccessTokens tokens;
  private String token;

  @BeforeEach
  void setUp() {
    ApplicationEventPublisher publisher = events::add;
    tokens = new AccessTokens(store, mock(Accounts.class), clock, publisher,
        new TransactionTemplate(mock(PlatformTransactionManager.class)), mock(org.strongroom.cluster.Revocations.class));
    token = TokenFormat.generate();
    when(store.recordAddress(anyString(), anyString(), any())).thenReturn(true);
  }

  private TokenStore.Row row(Set<Scope> scopes, List<String> networks, boolean superuser, Instant revoked) {
    return new TokenStore.Row(new TokenInfo("tok1", 7, "a@example.org", "t", scopes, networks,
        clock.now.minusSeconds(60), clock.now.plus(Duration.ofDays(1)), null, null, revoked), superuser, true);
  }

  private void stored(TokenStore.Row row) {
    when(store.findByHash(TokenFormat.sha256(token))).thenReturn(Optional.of(row));
  }

  @Test
  void aTokenWithAOneCharacterTypoNeverReachesTheDatabase() {
    stored(row(Scope.defaults(), List.of(), false, null));
    for (int i = 3; i < token.length(); i++) {
      char replacement = token.charAt(i) == 'a' ? 'b' : 'a';
      String typo = token.substring(0, i) + replacement + token.substring(i + 1);
      assertThat(tokens.authenticate(typo, "127.0.0.1")).isEmpty();
    }
    verify(store, never()).findByHash(anyString());
    assertThat(tokens.authenticate(token, "127.0.0.1")).isPresent();
    verify(store, times(1)).findByHash(anyString());
  }

  @Test
  void ipv6RangesMatchOnlyAddressesInside() {
    stored(row(Scope.defaults(), List.of("2001:db8:1::/48"), false, null));
    assertThat(tokens.authenticate(token, "2001:db8:1::5")).isPresent();
    assertThat(tokens.authenticate(token, "2001:db8:1:ffff:ffff:ffff:ffff:ffff")).isPresent();
    assertThat(tokens.authenticate(token, "2001:db8:2::5")).isEmpty();
    assertThat(tokens.authenticate(token, "::1")).isEmpty();
    assertThat(tokens.authenticate(token, "192.0.2.1")).isEmpty();
  }

  @Test
  void ipv4RangesMatchOnlyAddressesInside() {
    stored(row(Scope.defaults(), List.of("192.0.2.0/24", "198.51.100.7/32"), false, null));
    assertThat(tokens.authenticate(token, "192.0.2.200")).isPresent();
    assertThat(tokens.authenticate(token, "198.51.100.7")).isPresent();
    assertThat(tokens.authenticate(token, "198.51.100.8")).isEmpty();
    assertThat(tokens.authenticate(token, "192.0.3.1")).isEmpty();
    assertThat(tokens.authenticate(token, "2001:db8::1")).isEmpty();
  }

  @Test
  void verifiedHashesAreCachedForOneSecondOnly() {
    stored(row(Scope.defaults(), List.of(), false, null));
    for (int i = 0; i < 50; i++) {
      assertThat(tokens.authenticate(token, "127.0.0.1")).isPresent();
    }
    verify(store, times(1)).findByHash(anyString());
    // Revoked by another instance: seen once the second is over.
    stored(row(Scope.defaults(), List.of(), false, clock.now));
    clock.advance(Duration.ofMillis(999));
    assertThat(tokens.authenticate(token, "127.0.0.1")).isPresent();
    clock.advance(Duration.ofMillis(1));
    assertThat(tokens.authenticate(token, "127.0.0.1")).isEmpty();
  }

  @Test
  void revokingOnThisInstanceTakesEffectAtOnceDespiteTheCache() {
    TokenStore.Row active = row(Scope.defaults(), List.of(), false, null);
    stored(active);
    when(store.findById("tok1")).thenReturn(Optional.of(active));
    assertThat(tokens.authenticate(token, "127.0.0.1")).isPresent();
    when(store.revoke(any(), any())).thenReturn(true);
    stored(row(Scope.defaults(), List.of(), false, clock.now));
    tokens.revoke("tok1");
    assertThat(tokens.authenticate(token, "127.0.0.1")).isEmpty();
  }

  /**
   * A revocation that commits (and is announced) while this instance reads the token's row
   * before that commit: the row read is not kept, so the next request reads the revocation
   * instead of accepting the token for up to a second. Likewise for the owner's rights.
   */
  @Test
  void aRowReadWhileARevocationArrivesIsNotKept() {
    TokenStore.Row active = row(Scope.defaults(), List.of(), false, null);
    TokenStore.Row revoked = row(Scope.defaults(), List.of(), false, clock.now);
    when(store.findByHash(TokenFormat.sha256(token))).thenAnswer(read -> {
      tokens.forget(org.strongroom.cluster.Revocation.token("tok1"));
      return Optional.of(active);
    }).thenReturn(Optional.of(revoked));
    assertThat(tokens.authenticate(token, "127.0.0.1")).isPresent();
    assertThat(tokens.authenticate(token, "127.0.0.1")).isEmpty();
    verify(store, times(2)).findByHash(anyString());

    String other = TokenFormat.generate();
    TokenStore.Row disabledOwner = new TokenStore.Row(active.info(), false, false);
    when(store.findByHash(TokenFormat.sha256(other))).thenAnswer(read -> {
      tokens.forget(org.strongroom.cluster.Revocation.user(7));
      return Optional.of(active);
    }).thenReturn(Optional.of(disabledOwner));
    assertThat(tokens.authenticate(other, "127.0.0.1")).isPresent();
    assertThat(tokens.authenticate(other, "127.0.0.1")).isEmpty();
  }

  @Test
  void aRowReadWithNoRevocationMeanwhileIsKept() {
    stored(row(Scope.defaults(), List.of(), false, null));
    tokens.forget(org.strongroom.cluster.Revocation.token("another"));
    assertThat(tokens.authenticate(token, "127.0.0.1")).isPresent();
    assertThat(tokens.authenticate(token, "127.0.0.1")).isPresent();
    verify(store, times(1)).findByHash(anyString());
  }

  @Test
  void aTokenLosesAdminWhenItsOwnerIsDemoted() {
    stored(row(EnumSet.allOf(Scope.class), List.of(), true, null));
    Caller before = tokens.authenticate(token, "127.0.0.1").orElseThrow();
    assertThat(before.superuser()).isTrue();
    assertThat(before.hasScope(Scope.ADMIN)).isTrue();
    stored(row(EnumSet.allOf(Scope.class), List.of(), false, null));
    clock.advance(VerifiedTokenCache.TIME_TO_LIVE);
    Caller after = tokens.authenticate(token, "127.0.0.1").orElseThrow();
    assertThat(after.superuser()).isFalse();
    assertThat(after.hasScope(Scope.ADMIN)).isFalse();
    assertThat(after.hasScope(Scope.RECORDS_READ)).isTrue();
  }

  @Test
  void aSuperusersTokenWithoutAdminActsAsAnOrdinaryUser() {
    stored(row(Scope.defaults(), List.of(), true, null));
    Caller caller = tokens.authenticate(token, "127.0.0.1").orElseThrow();
    assertThat(caller.superuser()).isFalse();
    assertThat(caller.hasScope(Scope.ADMIN)).isFalse();
  }

  @Test
  void useFromANewAddressIsPublishedForTheAuditLogOncePerAddress() {
    stored(row(Scope.defaults(), List.of(), false, null));
    tokens.authenticate(token, "127.0.0.1");
    tokens.authenticate(token, "127.0.0.1");
    when(store.recordAddress(anyString(), anyString(), any())).thenReturn(true);
    tokens.authenticate(token, "2001:db8::7");
    List<AuditEvent> audited = events.stream().map(AuditEvent.class::cast).toList();
    assertThat(audited).extracting(AuditEvent::action).containsExactly("token.new-address", "token.new-address");
    assertThat(audited.get(1).clientAddress()).isEqualTo("2001:db8::7");
    assertThat(audited.get(1).details()).containsEntry("previous", "127.0.0.1");
    assertThat(audited.get(1).target()).isEqualTo("token:tok1");
    assertThat(audited.toString()).doesNotContain(token);
  }
}
