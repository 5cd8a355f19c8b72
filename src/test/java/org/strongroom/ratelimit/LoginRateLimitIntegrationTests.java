package org.strongroom.ratelimit;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.net.URI;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.Map;
import java.util.UUID;

import com.nimbusds.jose.JOSEObjectType;
import no.nav.security.mock.oauth2.MockOAuth2Server;
import no.nav.security.mock.oauth2.token.DefaultOAuth2TokenCallback;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.InJvmProvider;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.LoopbackClient;
import org.strongroom.support.LoopbackClient.Response;
import org.strongroom.support.TestUsers;

/**
 * The {@code login} class, per client address: password guessing through the login form
 * (and the password and MFA forms), token guessing through failed Bearer authentication, and
 * the two steps of a sign-in through a provider (a real one in the JVM, mock-oauth2-server).
 */
@IntegrationTest
@TestPropertySource(properties = {
    "strongroom.rate-limits.anonymous=100/1m",
    "strongroom.rate-limits.authenticated=100/1m",
    "strongroom.rate-limits.login=3/1m"})
class LoginRateLimitIntegrationTests {

  static final int LIMIT = 3;
  static final String CSRF_COOKIE = "__Host-csrftoken";
  /** CSRF tokens are bound to the session, so a form post sends both cookies, as a browser does. */
  static final String SESSION_COOKIE = "__Host-session";
  private final java.util.Map<Integer, String> sessions = new java.util.HashMap<>();

  static final MockOAuth2Server PROVIDER = InJvmProvider.start();

  @DynamicPropertySource
  static void provider(DynamicPropertyRegistry registry) {
    registry.add("strongroom.sso.oidc.corp.issuer-uri", () -> PROVIDER.issuerUrl("corp").toString());
    registry.add("strongroom.sso.oidc.corp.client-id", () -> "strongroom");
    registry.add("strongroom.sso.oidc.corp.client-secret", () -> "test-client-secret");
    registry.add("strongroom.sso.oidc.corp.create-users", () -> "true");
    registry.add("strongroom.sso.oidc.corp.allowed-email-domains", () -> "corp.example");
  }

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  @Autowired
  JdbcClient jdbc;

  LoopbackClient clients;

  @BeforeEach
  void clients() {
    clients = new LoopbackClient(api.port());
  }

  @Test
  void loginFormAllowsExactlyTheLimitThenRefusesEvenTheRightPassword() {
    TestUsers.User user = users.user();
    String csrf = csrfToken(1);
    for (int i = 1; i <= LIMIT; i++) {
      Response failed = login(1, csrf, user.email(), "wrong password " + i);
      assertThat(failed.status()).isEqualTo(302);
      assertThat(failed.header("Location")).endsWith("/login?error");
      assertThat(failed.header("X-RateLimit-Limit")).isEqualTo("3");
      assertThat(failed.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(LIMIT - i));
    }
    Response refused = login(1, csrf, user.email(), TestUsers.PASSWORD);
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Content-Type")).startsWith("text/html");
    assertThat(refused.header("Retry-After")).isNotNull();
    assertThat(refused.headers("Set-Cookie")).noneMatch(cookie -> cookie.startsWith("__Host-session="));
    // Another address still logs in.
    String other = csrfToken(2);
    Response ok = login(2, other, user.email(), TestUsers.PASSWORD);
    assertThat(ok.status()).isEqualTo(302);
    assertThat(ok.header("Location")).doesNotContain("error");
  }

  @Test
  void failedTokensAreChargedAndThenRefusedBeforeBeingChecked() {
    TestUsers.User user = users.user();
    for (int i = 1; i <= LIMIT; i++) {
      Response failed = clients.get(10, "/api/records/", ApiClient.bearer("sr_guess" + i));
      assertThat(failed.status()).isEqualTo(401);
      assertThat(failed.header("X-RateLimit-Limit")).isEqualTo("3");
      assertThat(failed.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(LIMIT - i));
    }
    Response refused = clients.get(10, "/api/records/", ApiClient.bearer("sr_guess4"));
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.json().path("status").asInt()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isNotNull();
    // While the address is locked out, even a valid token is not looked at.
    assertThat(clients.get(10, "/api/records/", ApiClient.bearer(user.token())).status()).isEqualTo(429);
    // A malformed header (not even Bearer) counts as a failed token too, elsewhere.
    assertThat(clients.get(11, "/api/records/", "Authorization", "Basic Zm9vOmJhcg==").header("X-RateLimit-Remaining"))
        .isEqualTo("2");
  }

  @Test
  void validTokensCostNothingInTheLoginClass() {
    TestUsers.User user = users.user();
    for (int i = 0; i < 2 * LIMIT; i++) {
      assertThat(clients.get(20, "/api/records/", ApiClient.bearer(user.token())).status()).isEqualTo(200);
    }
    for (int i = 0; i < LIMIT; i++) {
      assertThat(clients.get(20, "/api/records/", ApiClient.bearer("sr_wrong")).status()).isEqualTo(401);
    }
    assertThat(clients.get(20, "/api/records/", ApiClient.bearer("sr_wrong")).status()).isEqualTo(429);
  }

  @Test
  void passwordAndMfaFormsShareTheLoginQuota() {
    String csrf = csrfToken(30);
    String[] paths = {"/login/mfa", "/account/sudo", "/account/security"};
    for (String path : paths) {
      Response response = clients.send(30, "POST", path, "csrf_token=" + csrf + "&password=guess&code=123456",
          form(30, csrf));
      assertThat(response.status()).as(path).isNotEqualTo(429);
    }
    Response refused = clients.send(30, "POST", "/account/security/password", "csrf_token=" + csrf + "&password=x",
        form(30, csrf));
    assertThat(refused.status()).isEqualTo(429);
    assertThat(refused.header("Retry-After")).isNotNull();
  }

  @Test
  void aSignInThroughAProviderCostsItsStartAndItsReturnAndIsRefusedBeforeEither() {
    String email = "p" + UUID.randomUUID().toString().substring(0, 10) + "@corp.example";
    PROVIDER.enqueueCallback(new DefaultOAuth2TokenCallback("corp", "limited-" + UUID.randomUUID(),
        JOSEObjectType.JWT.getType(), null, Map.of("email", email, "email_verified", true), 3600));
    Response start = clients.get(40, "/oauth2/authorization/corp");
    assertThat(start.status()).isEqualTo(302);
    assertThat(start.header("X-RateLimit-Remaining")).isEqualTo(Integer.toString(LIMIT - 1));
    String session = cookie(start, SESSION_COOKIE);
    URI callback = authorizeAtProvider(URI.create(start.header("Location")));
    for (int i = 2; i <= LIMIT; i++) {
      assertThat(clients.get(40, "/oauth2/authorization/corp").status()).isEqualTo(302);
    }

    Response refusedStart = clients.get(40, "/oauth2/authorization/corp");
    assertThat(refusedStart.status()).isEqualTo(429);
    assertThat(refusedStart.header("Retry-After")).isNotNull();
    assertThat(refusedStart.header("Location")).isNull();
    assertThat(refusedStart.headers("Set-Cookie")).noneMatch(cookie -> cookie.startsWith(SESSION_COOKIE + "="));

    String returnPath = callback.getRawPath() + "?" + callback.getRawQuery();
    String[] browser = {"Cookie", SESSION_COOKIE + "=" + session, "Accept", "text/html"};
    Response refusedReturn = clients.get(40, returnPath, browser);
    assertThat(refusedReturn.status()).isEqualTo(429);
    assertThat(refusedReturn.header("Retry-After")).isNotNull();
    assertThat(refusedReturn.headers("Set-Cookie")).noneMatch(cookie -> cookie.startsWith(SESSION_COOKIE + "="));
    assertThat(accountsWith(email)).isZero();

    // The refused return changed nothing: its code was not exchanged, nor its authorization request
    // used up, so the same return from another address still signs in (once).
    Response accepted = clients.get(41, returnPath, browser);
    assertThat(accepted.status()).isEqualTo(302);
    assertThat(accepted.header("Location")).doesNotContain("error");
    assertThat(accountsWith(email)).isOne();
  }

  private long accountsWith(String email) {
    return jdbc.sql("select count(*) from users where email = :email").param("email", email)
        .query(Long.class).single();
  }

  /** The provider answers the authorization request at once: the return URL it sends the browser to. */
  private static URI authorizeAtProvider(URI authorization) {
    try {
      HttpResponse<String> answer = HttpClient.newBuilder().followRedirects(HttpClient.Redirect.NEVER).build().send(HttpRequest.newBuilder(authorization).GET().build(),
          HttpResponse.BodyHandlers.ofString());
      assertThat(answer.statusCode()).isEqualTo(302);
      return URI.create(answer.headers().firstValue("Location").orElseThrow());
    } catch (IOException | InterruptedException e) {
      throw new IllegalStateException(e);
    }
  }

  /** The login page's CSRF token; the session it is bound to is remembered for the client. */
  private String csrfToken(int client) {
    Response page = clients.get(client, "/login");
    sessions.put(client, cookie(page, SESSION_COOKIE));
    return cookie(page, CSRF_COOKIE);
  }

  private static String cookie(Response response, String name) {
    return response.headers("Set-Cookie").stream().filter(c -> c.startsWith(name + "="))
        .map(c -> c.substring(name.length() + 1, c.indexOf(';'))).findFirst().orElseThrow();
  }

  private Response login(int client, String csrf, String email, String password) {
    String body = "username=" + encode(email) + "&password=" + encode(password) + "&csrf_token=" + encode(csrf);
    return clients.send(client, "POST", "/login", body, form(client, csrf));
  }

  private String[] form(int client, String csrf) {
    return new String[] {"Content-Type", "application/x-www-form-urlencoded",
        "Cookie", SESSION_COOKIE + "=" + sessions.get(client) + "; " + CSRF_COOKIE + "=" + csrf, "Accept", "text/html"};
  }

  private static String encode(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
