package org.strongroom.accounts.session;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.ByteArrayOutputStream;
import java.io.ObjectOutputStream;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.data.redis.serializer.SerializationException;
import org.springframework.security.authentication.UsernamePasswordAuthenticationToken;
import org.springframework.security.core.context.SecurityContext;
import org.springframework.security.core.context.SecurityContextImpl;
import org.springframework.security.web.authentication.WebAuthenticationDetails;
import org.strongroom.accounts.AccountUserDetails;
import org.strongroom.accounts.SessionLogin;

class SessionValueSerializerTests {

  final SessionValueSerializer values = SessionValueSerializer.forSessions(getClass().getClassLoader());

  @Test
  void whatIsWrittenIsJavaSerializationAsBeforeSoEveryVersionReadsIt() throws Exception {
    SecurityContext context = signedIn(7, "a@example.org", 3);
    ByteArrayOutputStream plain = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(plain)) {
      out.writeObject(context);
    }
    assertThat(values.serialize(context)).isEqualTo(plain.toByteArray());
    assertThat(values.deserialize(plain.toByteArray())).isEqualTo(context);
  }

  @Test
  void everyReadOfASignedInContextGetsItsOwnContextSoSigningOutInOneRequestChangesNoOther() {
    byte[] stored = values.serialize(signedIn(7, "a@example.org", 3));

    SecurityContext first = (SecurityContext) values.deserialize(stored);
    SecurityContext second = (SecurityContext) values.deserialize(stored);
    assertThat(second).isNotSameAs(first).isEqualTo(first);
    assertThat(second.getAuthentication()).isNotSameAs(first.getAuthentication());
    assertThat(second.getAuthentication().getPrincipal()).as("decoded once, from the cache after")
        .isSameAs(first.getAuthentication().getPrincipal());

    first.setAuthentication(null);
    second.getAuthentication().setAuthenticated(false);
    SecurityContext third = (SecurityContext) values.deserialize(stored);
    assertThat(third.getAuthentication().isAuthenticated()).isTrue();
    assertThat(third.getAuthentication().getPrincipal()).isEqualTo(new AccountUserDetails(7, "a@example.org", false,
        true, 3));
    assertThat(third.getAuthentication().getDetails()).isEqualTo("192.0.2.1");
    assertThat(third.getAuthentication().getAuthorities()).extracting(Object::toString).containsExactly("ROLE_USER");
  }

  @Test
  void contextsOfDifferentUsersAndEpochsNeverStandInForEachOther() {
    byte[] alice = values.serialize(signedIn(7, "a@example.org", 3));
    byte[] aliceAfterPasswordChange = values.serialize(signedIn(7, "a@example.org", 4));
    byte[] bob = values.serialize(signedIn(8, "b@example.org", 3));
    for (int i = 0; i < 3; i++) {
      assertThat(principal(alice).sessionEpoch()).isEqualTo(3);
      assertThat(principal(aliceAfterPasswordChange).sessionEpoch()).isEqualTo(4);
      assertThat(principal(bob).userId()).isEqualTo(8);
    }
  }

  @Test
  void valuesThatCanBeChangedInPlaceAreReadAfreshEachTime() {
    ArrayList<String> list = new ArrayList<>(List.of("x"));
    byte[] stored = values.serialize(list);
    assertThat(values.deserialize(stored)).isEqualTo(list).isNotSameAs(values.deserialize(stored));

    SessionLogin.PendingSecondFactor pending = new SessionLogin.PendingSecondFactor(7, "a@example.org",
        Instant.parse("2026-12-07T10:00:00Z"));
    assertThat(values.deserialize(values.serialize(pending))).isEqualTo(pending);

    SecurityContextImpl withRequestDetails = new SecurityContextImpl(UsernamePasswordAuthenticationToken.authenticated(
        new AccountUserDetails(7, "a@example.org", false, true, 3), null, List.of()));
    ((UsernamePasswordAuthenticationToken) withRequestDetails.getAuthentication())
        .setDetails(new WebAuthenticationDetails("192.0.2.1", "s"));
    byte[] other = values.serialize(withRequestDetails);
    assertThat(values.deserialize(other)).isEqualTo(withRequestDetails).isNotSameAs(values.deserialize(other));
  }

  @Test
  void simpleValuesReadBackEqual() {
    Instant at = Instant.parse("2026-12-07T10:00:00.123456789Z");
    for (Object value : List.of("text", 1765000000000L, 1800, Boolean.TRUE, at)) {
      byte[] stored = values.serialize(value);
      Object first = values.deserialize(stored);
      assertThat(first).isEqualTo(value);
      assertThat(values.deserialize(stored)).as("decoded once, from the cache after").isSameAs(first);
    }
    assertThat(values.deserialize(new byte[0])).isNull();
  }

  @Test
  void aClassTheFilterRefusesIsRefusedOnEveryReadNeverCached() throws Exception {
    ByteArrayOutputStream bytes = new ByteArrayOutputStream();
    try (ObjectOutputStream out = new ObjectOutputStream(bytes)) {
      out.writeObject(new java.awt.Point(1, 2));
    }
    byte[] stored = bytes.toByteArray();
    for (int i = 0; i < 2; i++) {
      assertThatThrownBy(() -> values.deserialize(stored)).isInstanceOf(SerializationException.class);
    }
  }

  private AccountUserDetails principal(byte[] stored) {
    return (AccountUserDetails) ((SecurityContext) values.deserialize(stored)).getAuthentication().getPrincipal();
  }

  private static SecurityContext signedIn(long userId, String email, int epoch) {
    AccountUserDetails user = new AccountUserDetails(userId, email, false, true, epoch);
    UsernamePasswordAuthenticationToken authentication =
        UsernamePasswordAuthenticationToken.authenticated(user, null, user.getAuthorities());
    authentication.setDetails("192.0.2.1");
    return new SecurityContextImpl(authentication);
  }
}
