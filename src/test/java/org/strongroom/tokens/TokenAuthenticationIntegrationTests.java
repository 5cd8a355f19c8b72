package org.strongroom.tokens;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.net.URI;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.time.Duration;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Import;
import org.springframework.context.event.EventListener;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.core.ApiException;
import org.strongroom.core.AuditEvent;
import org.strongroom.core.Scope;
import org.strongroom.support.ApiClient;
import org.strongroom.support.Eventually;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.TestUsers;

/**
 * Bearer tokens over HTTPS: every bad token gets the same 401, expiry and revocation take
 * effect on the next request, scopes never exceed the owner's present rights, address ranges
 * hold for IPv4 and IPv6, and a token is never taken from the URL or a form.
 */
@IntegrationTest
@Import(TokenAuthenticationIntegrationTests.AuditEvents.class)
class TokenAuthenticationIntegrationTests {

  @TestConfiguration(proxyBeanMethods = false)
  static class AuditEvents {
    final List<AuditEvent> received = new java.util.concurrent.CopyOnWriteArrayList<>();

    @EventListener
    void on(AuditEvent event) {
      received.add(event);
    }
  }

  private static final Map<String, Object> INVALID = Map.of(
      "message", BearerTokenAuthenticationFilter.INVALID_TOKEN_MESSAGE, "status", 401);

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired AccessTokens tokens;
  @Autowired JdbcClient jdbc;
  @Autowired AuditEvents audit;

  private String createRecord(String token, String access) {
    HttpResponse<String> response = api.post("/api/records/",
        "{\"metadata\": {\"title\": \"T\"}, \"access\": {\"record\": \"" + access + "\"}}", bearer(token));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).path("id").asString();
  }

  private String token(TestUsers.User owner, Set<Scope> scopes, Duration lifetime, List<String> networks) {
    return tokens.create(owner.email(), "t", scopes, lifetime, networks).token();
  }

  private void assertInvalid(HttpResponse<String> response) {
    assertThat(response.statusCode()).as(response.body()).isEqualTo(401);
    assertThat(ApiClient.json(response).properties().stream().map(Map.Entry::getKey).toList())
        .containsExactly("message", "status");
    assertThat(json(response).path("message").asString()).isEqualTo(INVALID.get("message"));
    assertThat(json(response).path("status").asInt()).isEqualTo(401);
    assertThat(response.headers().firstValue("WWW-Authenticate")).hasValue("Bearer error=\"invalid_token\"");
  }

  @Test
  void everyKindOfBadTokenGetsTheSame401() throws Exception {
    TestUsers.User alice = users.user();
    String revoked = tokens.create(alice.email(), "r", Scope.defaults(), Duration.ofDays(1), List.of()).token();
    tokens.revoke(tokens.listOwn(new TokenCaller(alice.id(), alice.email(), false, "", Set.of())).stream()
        .filter(t -> t.name().equals("r")).findFirst().orElseThrow().id());
    String expired = token(alice, Scope.defaults(), Duration.ofMillis(1), List.of());
    Eventually.until(Duration.ofSeconds(10), "the 1 ms token to expire",
        () -> api.get("/api/records/", bearer(expired)).statusCode() == 401);
    String wrongAddress = token(alice, Scope.defaults(), Duration.ofDays(1), List.of("192.0.2.0/24"));
    TestUsers.User disabled = users.user();
    jdbc.sql("update users set active = false where id = :id").param("id", disabled.id()).update();
    String unknown = TokenFormat.generate();
    String typo = alice.token().substring(0, 10) + (alice.token().charAt(10) == 'x' ? 'y' : 'x')
        + alice.token().substring(11);

    List<HttpResponse<String>> responses = new ArrayList<>();
    for (String bad : List.of(revoked, expired, wrongAddress, disabled.token(), unknown, typo, "sr_short",
        "not-a-token", alice.token() + "x")) {
      responses.add(api.get("/api/records/", bearer(bad)));
      responses.add(api.post("/api/records/", "{}", bearer(bad)));
    }
    responses.add(api.get("/api/records/", "Authorization", "Bearer"));
    responses.add(api.get("/api/records/", "Authorization", "Basic " + alice.token()));
    responses.add(api.get("/api/records/", "Authorization", alice.token()));
    String firstBody = responses.get(0).body();
    for (HttpResponse<String> response : responses) {
      assertInvalid(response);
      assertThat(response.body()).isEqualTo(firstBody);
    }
    assertThat(api.get("/api/records/", bearer(alice.token())).statusCode()).isEqualTo(200);
  }

  @Test
  void expiryTakesEffectOnTheNextRequest() throws Exception {
    TestUsers.User alice = users.user();
    String token = token(alice, Scope.defaults(), Duration.ofMillis(1500), List.of());
    assertThat(api.get("/api/records/", bearer(token)).statusCode()).isEqualTo(200);
    assertInvalid(Eventually.until(Duration.ofSeconds(15), "the token to expire",
        () -> api.get("/api/records/", bearer(token)), response -> response.statusCode() != 200));
  }

  @Test
  void revocationTakesEffectOnTheNextRequestDespiteTheCache() {
    TestUsers.User alice = users.user();
    AccessTokens.Created created = tokens.create(alice.email(), "t", Scope.defaults(), Duration.ofDays(1), List.of());
    for (int i = 0; i < 3; i++) {
      assertThat(api.get("/api/records/", bearer(created.token())).statusCode()).isEqualTo(200);
    }
    tokens.revoke(created.id());
    assertInvalid(api.get("/api/records/", bearer(created.token())));
  }

  @Test
  void aRevocationWrittenByAnotherInstanceHoldsWithinOneSecond() throws Exception {
    TestUsers.User alice = users.user();
    AccessTokens.Created created = tokens.create(alice.email(), "t", Scope.defaults(), Duration.ofDays(1), List.of());
    assertThat(api.get("/api/records/", bearer(created.token())).statusCode()).isEqualTo(200);
    jdbc.sql("update tokens set revoked = current_timestamp where id = :id").param("id", created.id()).update();
    // Within the verified-token cache's lifetime, however slow the machine.
    assertInvalid(Eventually.until(VerifiedTokenCache.TIME_TO_LIVE.multipliedBy(20), "the revocation to be seen",
        () -> api.get("/api/records/", bearer(created.token())), response -> response.statusCode() != 200));
  }

  @Test
  void aReadTokenCannotWrite() {
    TestUsers.User alice = users.user();
    String id = createRecord(alice.token(), "public");
    String readOnly = token(alice, EnumSet.of(Scope.RECORDS_READ), Duration.ofDays(1), List.of());
    HttpResponse<String> create = api.post("/api/records/", "{\"metadata\": {\"title\": \"X\"}, "
        + "\"access\": {\"record\": \"public\"}}", bearer(readOnly));
    assertThat(create.statusCode()).isEqualTo(403);
    assertThat(json(create).path("status").asInt()).isEqualTo(403);
    HttpResponse<String> delete = api.delete("/api/records/" + id, bearer(readOnly));
    assertThat(delete.statusCode()).isEqualTo(403);
    assertThat(api.get("/api/records/" + id).statusCode()).isEqualTo(200);
  }

  @Test
  void adminIsGivenOnlyToSuperusersAndOnlyBySuperusers() {
    TestUsers.User alice = users.user();
    assertThatThrownBy(() -> token(alice, EnumSet.of(Scope.ADMIN), Duration.ofDays(1), List.of()))
        .isInstanceOf(ApiException.class).hasMessageContaining("superuser");
    TokenCaller aliceSession = new TokenCaller(alice.id(), alice.email(), false, "", Set.of());
    assertThatThrownBy(() -> tokens.createOwn(aliceSession, "x", EnumSet.of(Scope.ADMIN), Duration.ofDays(1), List.of()))
        .isInstanceOf(ApiException.class);
    assertThat(tokens.listOwn(aliceSession)).extracting(TokenInfo::name).containsExactly("test");
  }

  @Test
  void aTokenOutlivingItsOwnersDemotionLosesAdmin() throws Exception {
    TestUsers.User bob = users.user();
    String restricted = createRecord(bob.token(), "restricted");
    TestUsers.User root = users.superuser();
    String admin = token(root, EnumSet.allOf(Scope.class), Duration.ofDays(1), List.of());
    String ordinary = token(root, Scope.defaults(), Duration.ofDays(1), List.of());

    assertThat(api.get("/api/records/" + restricted, bearer(admin)).statusCode()).isEqualTo(200);
    // Without the admin scope a superuser's token does not act as a superuser.
    assertThat(api.get("/api/records/" + restricted, bearer(ordinary)).statusCode()).isEqualTo(404);

    jdbc.sql("update users set superuser = false where id = :id").param("id", root.id()).update();
    Eventually.until(VerifiedTokenCache.TIME_TO_LIVE.multipliedBy(20), "the lost superuser right to be seen",
        () -> api.get("/api/records/" + restricted, bearer(admin)).statusCode() == 404);
    assertThat(api.get("/api/records/", bearer(admin)).statusCode()).isEqualTo(200);
  }

  @Test
  void addressRangesHoldForIpv4AndIpv6() {
    TestUsers.User alice = users.user();
    String v4Loopback = token(alice, Scope.defaults(), Duration.ofDays(1), List.of("127.0.0.0/8"));
    String v4Elsewhere = token(alice, Scope.defaults(), Duration.ofDays(1), List.of("192.0.2.0/24"));
    String v6Loopback = token(alice, Scope.defaults(), Duration.ofDays(1), List.of("::1/128"));
    String v6Elsewhere = token(alice, Scope.defaults(), Duration.ofDays(1), List.of("2001:db8::/32"));

    assertThat(api.get("/api/records/", bearer(v4Loopback)).statusCode()).isEqualTo(200);
    assertInvalid(api.get("/api/records/", bearer(v4Elsewhere)));
    assertInvalid(api.get("/api/records/", bearer(v6Loopback)));

    HttpResponse<String> v6 = overIpv6("/api/records/", v6Loopback);
    assertThat(v6.statusCode()).as(v6.body()).isEqualTo(200);
    assertInvalid(overIpv6("/api/records/", v6Elsewhere));
    assertInvalid(overIpv6("/api/records/", v4Loopback));
  }

  private HttpResponse<String> overIpv6(String path, String token) {
    return api.send(HttpRequest.newBuilder(URI.create("https://[::1]:" + api.port() + path))
        .header("Authorization", "Bearer " + token).GET().build());
  }

  @Test
  void badAddressRangesAreRefusedAtCreation() {
    TestUsers.User alice = users.user();
    for (String bad : List.of("example.org", "10.0.0.0/33", "2001:db8::/129", "10.0.0.0/8; drop table")) {
      assertThatThrownBy(() -> token(alice, Scope.defaults(), Duration.ofDays(1), List.of(bad)))
          .isInstanceOf(ApiException.class);
    }
  }

  @Test
  void tokensInTheUrlOrAFormAreIgnored() {
    TestUsers.User alice = users.user();
    String restricted = createRecord(alice.token(), "restricted");
    for (String name : List.of("access_token", "token", "api_key", "key", "Authorization")) {
      assertThat(api.get("/api/records/" + restricted + "?" + name + "=" + alice.token()).statusCode())
          .isEqualTo(404);
      HttpResponse<String> post = api.send(api.request("/api/records/?" + name + "=" + alice.token())
          .header("Content-Type", "application/json")
          .POST(HttpRequest.BodyPublishers.ofString("{\"metadata\": {\"title\": \"X\"}, \"access\": {\"record\": \"public\"}}"))
          .build());
      assertThat(post.statusCode()).isEqualTo(401);
      HttpResponse<String> form = api.send(api.request("/api/records/")
          .header("Content-Type", "application/x-www-form-urlencoded")
          .POST(HttpRequest.BodyPublishers.ofString(name + "=" + alice.token())).build());
      assertThat(form.statusCode()).isEqualTo(401);
      assertThat(json(form).path("message").asString()).isEqualTo("Authentication required");
    }
    assertThat(api.get("/api/records/" + restricted, bearer(alice.token())).statusCode()).isEqualTo(200);
  }

  @Test
  void useFromANewAddressIsPublishedForTheAuditLog() {
    TestUsers.User alice = users.user();
    AccessTokens.Created created = tokens.create(alice.email(), "t", Scope.defaults(), Duration.ofDays(1), List.of());
    String target = "token:" + created.id();
    api.get("/api/records/", bearer(created.token()));
    api.get("/api/records/", bearer(created.token()));
    overIpv6("/api/records/", created.token());
    api.get("/api/records/", bearer(created.token()));
    List<AuditEvent> seen = audit.received.stream()
        .filter(e -> e.action().equals("token.new-address") && e.target().equals(target)).toList();
    assertThat(seen).extracting(AuditEvent::clientAddress).containsExactly("127.0.0.1", "0:0:0:0:0:0:0:1");
    assertThat(seen).allSatisfy(e -> assertThat(e.actorUserId()).isEqualTo(alice.id()));
    assertThat(audit.received.toString()).doesNotContain(created.token());
    assertThat(audit.received).anySatisfy(e -> assertThat(e.action() + e.target()).isEqualTo("token.create" + target));
  }
}
