package org.strongroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.net.CookieManager;
import java.net.URLEncoder;
import java.net.http.HttpClient;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.core.ApiException;
import org.strongroom.support.ApiClient;
import org.strongroom.support.TestUsers;

/** Users, password storage and the login form. Run on H2 and PostgreSQL by the subclasses. */
abstract class AccountsContract {

  @Autowired
  ApiClient api;

  @Autowired
  Accounts accounts;

  @Autowired
  JdbcClient jdbc;

  @Autowired
  TestUsers users;

  @Test
  void passwordsAreStoredAsArgon2idHashesOnly() {
    String email = "hash" + System.nanoTime() + "@example.org";
    UserAccount user = accounts.create(email, TestUsers.PASSWORD, false);
    String stored = jdbc.sql("select password_hash from users where id = :id").param("id", user.id())
        .query(String.class).single();
    assertThat(stored).startsWith("$argon2id$v=19$m=19456,t=4,p=1$").doesNotContain(TestUsers.PASSWORD);
    String everything = jdbc.sql("select * from users").query().listOfRows().toString();
    assertThat(everything).doesNotContain(TestUsers.PASSWORD);
  }

  @Test
  void emailsAreNormalisedAndUnique() {
    String local = "Mixed" + System.nanoTime();
    UserAccount user = accounts.create("  " + local + "@Example.ORG ", TestUsers.PASSWORD, false);
    assertThat(user.email()).isEqualTo(local.toLowerCase() + "@example.org");
    assertThatThrownBy(() -> accounts.create(local.toUpperCase() + "@example.org", TestUsers.PASSWORD, false))
        .isInstanceOf(ApiException.class).hasMessageContaining("already exists");
  }

  @Test
  void weakPasswordsAreRefused() {
    for (String weak : List.of("short", "elevenchars", "qwertyqwerty", "1qaz2wsx3edc")) {
      assertThatThrownBy(() -> accounts.create("weak" + System.nanoTime() + "@example.org", weak, false))
          .as(weak).isInstanceOf(ApiException.class);
    }
  }

  @Test
  void loginFormStartsASessionWithHardenedCookies() throws Exception {
    TestUsers.User alice = users.user();
    HttpClient browser = browser();
    String token = csrfTokenFromLoginPage(browser);

    HttpResponse<String> login = postForm(browser, "/login",
        "username=" + enc(alice.email()) + "&password=" + enc(TestUsers.PASSWORD) + "&csrf_token=" + enc(token));
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow()).doesNotContain("error");
    String sessionCookie = login.headers().allValues("Set-Cookie").stream()
        .filter(c -> c.startsWith("__Host-session=")).findFirst().orElseThrow();
    assertThat(sessionCookie).contains("Secure").contains("HttpOnly").contains("SameSite=Lax")
        .contains("Path=/").doesNotContainIgnoringCase("Domain=");

    HttpResponse<String> home = browser.send(api.request("/").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(home.body()).contains(alice.email());
  }

  @Test
  void wrongPasswordsDoNotLogIn() throws Exception {
    TestUsers.User alice = users.user();
    HttpClient browser = browser();
    String token = csrfTokenFromLoginPage(browser);
    HttpResponse<String> login = postForm(browser, "/login",
        "username=" + enc(alice.email()) + "&password=wrong-password-123&csrf_token=" + enc(token));
    assertThat(login.statusCode()).isEqualTo(302);
    assertThat(login.headers().firstValue("Location").orElseThrow()).endsWith("/login?error");
    assertThat(login.headers().allValues("Set-Cookie")).noneMatch(c -> c.startsWith("__Host-session="));
  }

  @Test
  void loginWithoutTheCsrfTokenIsRefused() throws Exception {
    TestUsers.User alice = users.user();
    HttpClient browser = browser();
    csrfTokenFromLoginPage(browser);
    HttpResponse<String> login = postForm(browser, "/login",
        "username=" + enc(alice.email()) + "&password=" + enc(TestUsers.PASSWORD));
    assertThat(login.statusCode()).isEqualTo(403);
  }

  HttpClient browser() {
    return HttpClient.newBuilder().sslContext(ApiClient.trustingTestCertificate())
        .cookieHandler(new CookieManager()).followRedirects(HttpClient.Redirect.NEVER).build();
  }

  String csrfTokenFromLoginPage(HttpClient browser) throws Exception {
    HttpResponse<String> page = browser.send(api.request("/login").GET().build(), HttpResponse.BodyHandlers.ofString());
    assertThat(page.statusCode()).isEqualTo(200);
    Matcher matcher = Pattern.compile("name=\"csrf_token\" value=\"([^\"]+)\"").matcher(page.body());
    assertThat(matcher.find()).as("csrf_token field on the login page").isTrue();
    return matcher.group(1);
  }

  HttpResponse<String> postForm(HttpClient browser, String path, String form) throws Exception {
    return browser.send(api.request(path).header("Content-Type", "application/x-www-form-urlencoded")
        .POST(HttpRequest.BodyPublishers.ofString(form)).build(), HttpResponse.BodyHandlers.ofString());
  }

  static String enc(String value) {
    return URLEncoder.encode(value, StandardCharsets.UTF_8);
  }
}
