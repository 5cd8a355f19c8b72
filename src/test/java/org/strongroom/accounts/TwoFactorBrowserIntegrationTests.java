package org.strongroom.accounts;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.BrowserNavigation.follow;

import java.time.Duration;
import java.util.List;

import dev.samstevens.totp.code.DefaultCodeGenerator;
import dev.samstevens.totp.code.HashingAlgorithm;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.strongroom.support.ApiClient;
import org.strongroom.support.BrowserChecks;
import org.strongroom.support.BrowserNavigation;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.MutableClock;
import org.strongroom.support.RecordedAuditEvents;
import org.strongroom.support.RequiresChromium;
import org.strongroom.support.TestUsers;
import org.strongroom.support.WebDrivers;

/**
 * Two-factor sign-in in Chromium, through the pages only: a superuser turns it on from the
 * security page (the set-up step and the recovery-code page), signs in again through the
 * second-factor page (a wrong code first), confirms sudo mode with password and code, and
 * later signs in with a recovery code; another superuser then resets it from the users page,
 * which the audit log shows. Every page passes {@link BrowserChecks}. The clock is
 * the tests' own, so that the codes typed are those the server expects. The configuration is
 * that of the other sign-in tests (with {@link RecordedAuditEvents}, unused here), so that they
 * all share one Spring context.
 */
@RequiresChromium
@IntegrationTest
@Import({MutableClock.Configuration.class, RecordedAuditEvents.class})
class TwoFactorBrowserIntegrationTests {

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired MutableClock clock;

  @Test
  void twoFactorIsTurnedOnUsedForSignInAndSudoAndARecoveryCodeWorks() {
    TestUsers.User admin = users.superuser();
    try (WebDrivers.Browser browser = WebDrivers.chromium("--window-size=1280,1400")) {
      WebDriver driver = browser.driver();
      driver.get(api.baseUrl() + "/login");
      signIn(driver, admin.email());

      follow(driver, By.linkText("Security"));
      follow(driver, By.xpath("//button[normalize-space()='Set up an authenticator app']"));
      String seed = driver.findElement(By.cssSelector("code.seed")).getText();
      assertThat(driver.findElement(By.cssSelector("img.qr")).getAttribute("src")).startsWith("data:image/png;base64,");
      BrowserChecks.check(driver, "security-totp-setup");
      driver.findElement(By.id("code")).sendKeys(code(seed, 0));
      follow(driver, By.xpath("//button[normalize-space()='Turn on']"));
      assertThat(heading(driver)).isEqualTo("Two-factor authentication is on");
      List<String> recoveryCodes = driver.findElements(By.cssSelector("ul.recovery-codes code")).stream()
          .map(WebElement::getText).toList();
      assertThat(recoveryCodes).hasSize(10).allMatch(c -> c.matches("[a-z2-9]{4}(-[a-z2-9]{4}){3}"));
      BrowserChecks.check(driver, "security-recovery-codes");
      follow(driver, By.linkText("Back to account security"));
      assertThat(driver.findElement(By.id("totp")).getText()).contains("Two-factor authentication is on. Recovery codes left: 10.");

      logOut(driver);
      signIn(driver, admin.email());
      assertThat(heading(driver)).isEqualTo("Two-factor authentication");
      BrowserChecks.check(driver, "login-second-factor");
      clock.advance(Duration.ofSeconds(30));
      driver.findElement(By.id("code")).sendKeys(code(seed, 5));
      follow(driver, By.cssSelector("form.login button[type=submit]"));
      assertThat(driver.findElement(By.cssSelector("main p.error")).getText()).isEqualTo("That code is not valid.");
      BrowserChecks.check(driver, "login-second-factor-wrong-code");
      driver.findElement(By.id("code")).sendKeys(code(seed, 0));
      follow(driver, By.cssSelector("form.login button[type=submit]"));
      assertThat(driver.findElement(By.cssSelector("a.who")).getText()).isEqualTo(admin.email());

      follow(driver, By.linkText("Administration"));
      assertThat(heading(driver)).isEqualTo("Confirm your identity");
      BrowserChecks.check(driver, "sudo-with-code");
      clock.advance(Duration.ofSeconds(30));
      driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
      driver.findElement(By.id("code")).sendKeys(code(seed, 0));
      follow(driver, By.cssSelector("main form button[type=submit]"));
      assertThat(heading(driver)).isEqualTo("Administration");

      logOut(driver);
      signIn(driver, admin.email());
      driver.findElement(By.id("code")).sendKeys(recoveryCodes.get(3));
      follow(driver, By.cssSelector("form.login button[type=submit]"));
      assertThat(driver.findElement(By.cssSelector("a.who")).getText()).isEqualTo(admin.email());
      follow(driver, By.linkText("Security"));
      assertThat(driver.findElement(By.id("totp")).getText()).contains("Recovery codes left: 9.");
      BrowserChecks.check(driver, "security-totp-on");

      // The first superuser lost the authenticator: another resets their two-factor sign-in.
      logOut(driver);
      TestUsers.User other = users.superuser();
      signIn(driver, other.email());
      follow(driver, By.linkText("Administration"));
      driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
      follow(driver, By.cssSelector("main form button[type=submit]"));
      follow(driver, By.linkText("Users"));
      driver.findElement(By.id("user-search")).sendKeys(admin.email());
      follow(driver, By.cssSelector("form.search button"));
      By row = By.cssSelector("tr[data-email='" + admin.email() + "']");
      assertThat(driver.findElement(row).getText()).contains("on");
      BrowserNavigation.followConfirming(driver, By.cssSelector("button[aria-label='Reset two-factor for " + admin.email() + "']"));
      assertThat(driver.findElement(row).findElements(By.tagName("td")).get(2).getText()).isEqualTo("off");
      BrowserChecks.check(driver, "admin-users-two-factor-reset");
      follow(driver, By.linkText("Administration"));
      follow(driver, By.linkText("Audit log"));
      driver.findElement(By.id("audit-what")).sendKeys("user.mfa.reset");
      follow(driver, By.cssSelector("form.search button"));
      assertThat(driver.findElement(By.cssSelector("table.audit tbody")).getText())
          .contains(other.email()).contains("user:" + admin.id());
      BrowserChecks.check(driver, "admin-audit-two-factor-reset");
    }
  }

  private static void signIn(WebDriver driver, String email) {
    assertThat(heading(driver)).isEqualTo("Log in");
    driver.findElement(By.id("username")).sendKeys(email);
    driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
    follow(driver, By.cssSelector("form.login button[type=submit]"));
  }

  private static void logOut(WebDriver driver) {
    follow(driver, By.linkText("Log out"));
    BrowserNavigation.followConfirming(driver, By.cssSelector("main form button[type=submit]"));
  }

  private static String heading(WebDriver driver) {
    return driver.findElement(By.tagName("h1")).getText();
  }

  /** The code of the clock's current time step plus {@code offset} steps. */
  private String code(String seed, int offset) {
    try {
      long step = clock.instant().getEpochSecond() / 30 + offset;
      return new DefaultCodeGenerator(HashingAlgorithm.SHA1, 6).generate(seed, step);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }
}
