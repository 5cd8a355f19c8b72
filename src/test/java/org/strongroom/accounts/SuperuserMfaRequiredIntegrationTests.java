package org.strongroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestUsers;

/** With {@code require-mfa-for-superusers}, a superuser without TOTP can only go and enrol. */
@IntegrationTest
@TestPropertySource(properties = "strongroom.security.require-mfa-for-superusers=true")
class SuperuserMfaRequiredIntegrationTests {

  @Autowired ApiClient api;
  @Autowired TestUsers users;

  @Test
  void superuserWithoutTotpIsSentToEnrol() {
    TestUsers.User admin = users.superuser();
    SessionClient browser = new SessionClient(api);
    browser.login(admin.email(), TestUsers.PASSWORD);
    HttpResponse<String> page = browser.get("/records/");
    assertThat(page.statusCode()).isEqualTo(302);
    assertThat(page.headers().firstValue("Location").orElseThrow()).endsWith("/account/security?mfa-required");
    HttpResponse<String> api = browser.get("/api/me");
    assertThat(api.statusCode()).isEqualTo(403);
    assertThat(ApiClient.json(api).get("message").asString()).contains("two-factor");
    assertThat(browser.get("/account/security").statusCode()).isEqualTo(200);
  }

  @Test
  void ordinaryUsersAreNotAsked() {
    TestUsers.User user = users.user();
    SessionClient browser = new SessionClient(api);
    browser.login(user.email(), TestUsers.PASSWORD);
    assertThat(browser.get("/api/me").statusCode()).isEqualTo(200);
  }
}
