package org.strongroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.List;
import java.util.Set;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.strongroom.core.Scope;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.MutableClock;
import org.strongroom.support.RecordedAuditEvents;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestUsers;
import tools.jackson.databind.JsonNode;

/** {@code GET /api/me} for a session, a token, a superuser, and nobody. */
@IntegrationTest
@Import({MutableClock.Configuration.class, RecordedAuditEvents.class})
class MeIntegrationTests {

  @Autowired ApiClient api;
  @Autowired TestUsers users;

  @Test
  void sessionCallerSeesTheirRolesAndEveryNonAdminScope() {
    TestUsers.User user = users.user();
    SessionClient browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);
    JsonNode me = ApiClient.json(browser.get("/api/me"));
    assertThat(me.propertyNames()).containsExactly("id", "email", "roles", "auth_method", "scopes");
    assertThat(me.get("id").asLong()).isEqualTo(user.id());
    assertThat(me.get("email").asString()).isEqualTo(user.email());
    assertThat(strings(me.get("roles"))).containsExactly("user");
    assertThat(me.get("auth_method").asString()).isEqualTo("session");
    assertThat(strings(me.get("scopes"))).containsExactly("records:read", "records:write", "files:read",
        "files:write", "user:read");
  }

  @Test
  void tokenCallerSeesTheTokensScopes() {
    TestUsers.User user = users.user();
    String token = users.token(user.email(), Set.of(Scope.RECORDS_READ));
    HttpResponse<String> response = api.get("/api/me", ApiClient.bearer(token));
    assertThat(response.statusCode()).isEqualTo(200);
    JsonNode me = ApiClient.json(response);
    assertThat(me.get("auth_method").asString()).isEqualTo("token");
    assertThat(strings(me.get("scopes"))).containsExactly("records:read");
  }

  @Test
  void superuserHasTheSuperuserRole() {
    TestUsers.User admin = users.superuser();
    String token = users.token(admin.email(), Set.of(Scope.ADMIN, Scope.USER_READ));
    JsonNode me = ApiClient.json(api.get("/api/me", ApiClient.bearer(token)));
    assertThat(strings(me.get("roles"))).containsExactly("user", "superuser");
    assertThat(strings(me.get("scopes"))).containsExactly("user:read", "admin");
  }

  @Test
  void nobodyGets401Json() {
    HttpResponse<String> response = api.get("/api/me");
    assertThat(response.statusCode()).isEqualTo(401);
    assertThat(ApiClient.json(response).get("status").asInt()).isEqualTo(401);
  }

  private static List<String> strings(JsonNode array) {
    return array.valueStream().map(JsonNode::asString).toList();
  }
}
