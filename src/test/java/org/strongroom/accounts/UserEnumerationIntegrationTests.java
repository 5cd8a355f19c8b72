package org.strongroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.net.http.HttpResponse;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.SessionClient;
import org.strongroom.support.TestUsers;

/**
 * User enumeration through the login form: an unknown e-mail address and a wrong password
 * must get the same status, headers and body, and take about as long (the server hashes a
 * dummy password for unknown addresses). The lockout is raised here so that the many
 * attempts of the timing test are all really checked.
 */
@IntegrationTest
@TestPropertySource(properties = "strongroom.security.login.max-failures=1000")
class UserEnumerationIntegrationTests {

  static final int SAMPLES = 15;

  @Autowired ApiClient api;
  @Autowired TestUsers users;

  @Test
  void unknownAddressAndWrongPasswordGetTheSameAnswer() {
    TestUsers.User user = users.user();
    HttpResponse<String> wrongPassword = new SessionClient(api).login(user.email(), "not the right password");
    HttpResponse<String> unknown = new SessionClient(api).login("nobody@example.org", "not the right password");
    HttpResponse<String> disabled = disabledLogin();
    for (HttpResponse<String> response : List.of(unknown, disabled)) {
      assertThat(response.statusCode()).isEqualTo(wrongPassword.statusCode()).isEqualTo(302);
      assertThat(response.headers().firstValue("Location")).isEqualTo(wrongPassword.headers().firstValue("Location"));
      assertThat(response.body()).isEqualTo(wrongPassword.body());
      assertThat(cookieNames(response)).isEqualTo(cookieNames(wrongPassword));
    }
  }

  @Test
  void unknownAddressTakesAsLongAsAWrongPassword() {
    TestUsers.User user = users.user();
    List<Long> known = new ArrayList<>();
    List<Long> unknown = new ArrayList<>();
    for (int i = 0; i < SAMPLES + 2; i++) {
      long k = timedLogin(user.email());
      long u = timedLogin("nobody" + i + "@example.org");
      if (i >= 2) { // the first rounds warm up the JIT
        known.add(k);
        unknown.add(u);
      }
    }
    double ratio = (double) median(unknown) / median(known);
    // Without the dummy hash an unknown address answers ~10x faster; allow a generous band.
    assertThat(ratio).as("median unknown %s ms / median known %s ms", median(unknown) / 1_000_000,
        median(known) / 1_000_000).isBetween(0.6, 1.6);
  }

  private HttpResponse<String> disabledLogin() {
    TestUsers.User disabled = users.user();
    accounts.setActive(disabled.id(), false);
    return new SessionClient(api).login(disabled.email(), TestUsers.PASSWORD);
  }

  @Autowired Accounts accounts;

  private long timedLogin(String email) {
    SessionClient browser = new SessionClient(api);
    browser.get("/login");
    long start = System.nanoTime();
    HttpResponse<String> response = browser.submit("/login",
        java.util.Map.of("username", email, "password", "not the right password"));
    long elapsed = System.nanoTime() - start;
    assertThat(response.statusCode()).isEqualTo(302);
    return elapsed;
  }

  private static long median(List<Long> values) {
    List<Long> sorted = new ArrayList<>(values);
    Collections.sort(sorted);
    return sorted.get(sorted.size() / 2);
  }

  private static List<String> cookieNames(HttpResponse<String> response) {
    return SessionClient.setCookies(response).stream().map(c -> c.substring(0, c.indexOf('='))).sorted().toList();
  }

}
