package org.strongroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.strongroom.support.ApiClient;
import org.strongroom.support.BrowserLogin;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.MutableClock;
import org.strongroom.support.RecordedAuditEvents;
import org.strongroom.support.RequiresChromium;
import org.strongroom.support.TestUsers;
import org.strongroom.support.WebDrivers;

/**
 * A real browser: scripts can read the CSRF cookie but not the session cookie; the login form,
 * a record created by fetch() with the X-CSRFToken header, and logout all work.
 */
@RequiresChromium
@IntegrationTest
@Import({MutableClock.Configuration.class, RecordedAuditEvents.class})
class BrowserLoginIntegrationTests {

  static final String CREATE_RECORD = """
      const done = arguments[arguments.length - 1];
      const header = arguments[0];
      const token = document.cookie.split('; ').find(c => c.startsWith('__Host-csrftoken=')).split('=')[1];
      const headers = {'Content-Type': 'application/json'};
      if (header) { headers['X-CSRFToken'] = token; }
      fetch('/api/records/', {method: 'POST', headers: headers, credentials: 'same-origin',
          body: JSON.stringify({metadata: {title: 'Made in a browser'}, access: {record: 'public'}})})
        .then(r => done(r.status)).catch(e => done('error ' + e));
      """;
  static final String GET_ME = """
      const done = arguments[arguments.length - 1];
      fetch('/api/me', {credentials: 'same-origin'}).then(r => done(r.status)).catch(e => done('error ' + e));
      """;

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired MutableClock clock;

  @Test
  void loginCreateARecordAndLogOut() {
    clock.advance(Duration.ofDays(2));
    TestUsers.User user = users.user();
    try (WebDrivers.Browser browser = WebDrivers.chromium()) {
      WebDriver driver = browser.driver();
      driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
      JavascriptExecutor js = (JavascriptExecutor) driver;
      WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(15));

      BrowserLogin.submit(driver, api.baseUrl(), user.email());
      wait.until(ExpectedConditions.urlToBe(api.baseUrl() + "/"));

      String cookies = (String) js.executeScript("return document.cookie");
      assertThat(cookies).contains("__Host-csrftoken=").doesNotContain("__Host-session");
      assertThat(driver.manage().getCookieNamed("__Host-session")).isNotNull();
      assertThat(js.executeAsyncScript(GET_ME)).isEqualTo(200L);

      assertThat(js.executeAsyncScript(CREATE_RECORD, false)).isEqualTo(403L);
      assertThat(js.executeAsyncScript(CREATE_RECORD, true)).isEqualTo(201L);

      driver.get(api.baseUrl() + "/logout");
      driver.findElement(By.cssSelector("main form button[type=submit]")).click();
      acceptConfirmationIfAsked(driver);
      wait.until(ExpectedConditions.urlContains("/login?logout"));
      assertThat(js.executeAsyncScript(GET_ME)).isEqualTo(401L);
    }
    assertThat(api.get("/api/records/?q=browser", ApiClient.bearer(user.token())).body()).contains("Made in a browser");
  }

  /** The logout page may ask for confirmation with its own script (which must run under the CSP). */
  private static void acceptConfirmationIfAsked(WebDriver driver) {
    try {
      new WebDriverWait(driver, Duration.ofSeconds(2)).until(ExpectedConditions.alertIsPresent()).accept();
    } catch (org.openqa.selenium.TimeoutException noConfirmation) {
      // this logout page submits without asking
    }
  }
}
