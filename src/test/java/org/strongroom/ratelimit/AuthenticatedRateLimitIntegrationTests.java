package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.EnumSet;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.core.Scope;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.LoopbackClient;
import org.strongroom.support.LoopbackClient.Response;
import org.strongroom.support.TestUsers;

/**
 * The {@code authenticated} class: per user whatever the address, with {@code X-User-ID};
 * per-user overrides only by a superuser with the admin scope.
 */
@IntegrationTest
@TestPropertySource(properties = {
    "strongroom.rate-limits.anonymous=100/1m",
    "strongroom.rate-limits.authenticated=4/1m,100/1h",
    "strongroom.rate-limits.login=100/1m"})
class AuthenticatedRateLimitIntegrationTests {

  static final int LIMIT = 4;

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  LoopbackClient clients;

  @BeforeEach
  void clients() {
    clients = new LoopbackClient(api.port());
  }

  @Test
  void allowsExactlyTheUsersLimitThenRefuses() {
    TestUsers.User user = users.user();
    for (int i = 1; i <= LIMIT; i++) {
      Response ok = clients.get(1, "/api/records/", ApiClient.bearer(user.token()));
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.header("X-User-ID")).isEqualTo(Long.toString(user.id()));
      assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("4");
      assertThat(ok.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(LIMIT - i));
    }
    Response refused = clients.get(1, "/api/records/", ApiClient.bearer(user.token()));
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().path("status").asInt()).isEqualTo(429);
    assertThat(refused.header("X-User-ID")).isEqualTo(Long.toString(user.id()));
    assertThat(refused.header("Retry-After")).isNotNull();
    assertThat(refused.header("X-RateLimit-Remaining")).isEqualTo("0");
  }

  @Test
  void oneQuotaPerUserWhicheverAddressItComesFrom() {
    TestUsers.User user = users.user();
    for (int i = 0; i < LIMIT; i++) {
      assertThat(clients.get(10 + i, "/api/records/", ApiClient.bearer(user.token())).status()).isEqualTo(200);
    }
    assertThat(clients.get(20, "/api/records/", ApiClient.bearer(user.token())).status()).isEqualTo(429);
    // Neither another user nor an anonymous caller at the same address is charged for it.
    assertThat(clients.get(20, "/api/records/", ApiClient.bearer(users.user().token())).status()).isEqualTo(200);
    Response anonymous = clients.get(20, "/api/records/");
    assertThat(anonymous.status()).isEqualTo(200);
    assertThat(anonymous.header("X-User-ID")).isNull();
  }

  @Test
  void aSecondTokenOfTheSameUserSharesTheQuota() {
    TestUsers.User user = users.user();
    String second = users.token(user.email(), Scope.defaults());
    for (int i = 0; i < LIMIT; i++) {
      assertThat(clients.get(30, "/api/records/", ApiClient.bearer(i % 2 == 0 ? user.token() : second)).status())
          .isEqualTo(200);
    }
    assertThat(clients.get(30, "/api/records/", ApiClient.bearer(second)).status()).isEqualTo(429);
  }

  @Test
  void aSuperuserCanRaiseAndResetOneUsersLimit() {
    String admin = adminToken();
    TestUsers.User user = users.user();
    Response set = clients.send(40, "PUT", "/api/admin/rate-limits/" + user.id(),
        "{\"authenticated\": \"7/1m,200/1h\"}", json(admin));
    assertThat(set.status()).isEqualTo(200);
    assertThat(set.json().propertyNames()).containsExactly("userId", "authenticated", "override");
    assertThat(set.json().path("userId").asLong()).isEqualTo(user.id());
    assertThat(set.json().path("authenticated").asString()).isEqualTo("7/1m,200/1h");
    assertThat(set.json().path("override").asBoolean()).isTrue();
    for (int i = 0; i < 7; i++) {
      Response ok = clients.get(41, "/api/records/", ApiClient.bearer(user.token()));
      assertThat(ok.status()).isEqualTo(200);
      assertThat(ok.header("X-RateLimit-Limit")).isEqualTo("7");
    }
    assertThat(clients.get(41, "/api/records/", ApiClient.bearer(user.token())).status()).isEqualTo(429);

    assertThat(clients.send(40, "DELETE", "/api/admin/rate-limits/" + user.id(), null,
        ApiClient.bearer(admin)).status()).isEqualTo(204);
    Response read = clients.get(40, "/api/admin/rate-limits/" + user.id(), ApiClient.bearer(admin));
    assertThat(read.json().path("authenticated").asString()).isEqualTo("4/1m,100/1h");
    assertThat(read.json().path("override").asBoolean()).isFalse();
  }

  @Test
  void onlyASuperuserWithTheAdminScopeMaySetOverrides() {
    TestUsers.User target = users.user();
    String path = "/api/admin/rate-limits/" + target.id();
    String body = "{\"authenticated\": \"100000/1m\"}";
    Response anonymous = clients.send(50, "PUT", path, body, "Content-Type", "application/json");
    assertThat(anonymous.status()).isEqualTo(401);
    assertThat(anonymous.json().path("status").asInt()).isEqualTo(401);
    // A user raising their own limit.
    assertThat(clients.send(51, "PUT", path, body, json(target.token())).status()).isEqualTo(403);
    // A superuser's token without the admin scope.
    assertThat(clients.send(52, "PUT", path, body, json(users.superuser().token())).status()).isEqualTo(403);
    Response read = clients.get(53, path, ApiClient.bearer(adminToken()));
    assertThat(read.json().path("override").asBoolean()).isFalse();
  }

  @Test
  void invalidBandsAndUnknownUsersAreRefused() {
    String admin = adminToken();
    TestUsers.User user = users.user();
    Response invalid = clients.send(60, "PUT", "/api/admin/rate-limits/" + user.id(),
        "{\"authenticated\": \"lots/1x\"}", json(admin));
    assertThat(invalid.status()).isEqualTo(400);
    assertThat(invalid.json().path("message").asString()).contains("authenticated").contains("COUNT/PERIOD");
    Response unknown = clients.send(60, "PUT", "/api/admin/rate-limits/999999",
        "{\"authenticated\": \"10/1m\"}", json(admin));
    assertThat(unknown.status()).isEqualTo(404);
    assertThat(unknown.json().path("status").asInt()).isEqualTo(404);
  }

  private String adminToken() {
    return users.token(users.superuser().email(), EnumSet.allOf(Scope.class));
  }

  private static String[] json(String token) {
    return new String[] {"Authorization", "Bearer " + token, "Content-Type", "application/json"};
  }
}
