package org.strongroom.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.Select;
import org.strongroom.support.BrowserChecks;
import org.strongroom.support.BrowserLogin;
import org.strongroom.support.BrowserNavigation;
import org.strongroom.support.RequiresChromium;
import org.strongroom.support.TestUsers;
import org.strongroom.support.WebDrivers;

/**
 * The single sign-on pages in Chromium, each passing {@link BrowserChecks}: the login page
 * with the directory's form, and locked after five wrong passwords; an administrator linking a
 * provider identity and a directory entry on {@code /admin/users/{id}/sso}; the sudo page of a
 * user with both linked, offering them besides the password; and the login page a provider's
 * logout sends the browser back to. Shares its server with the other single sign-on tests.
 */
@RequiresChromium
class SsoPagesBrowserIntegrationTests extends SsoAccountsIntegrationBase {

  static WebDrivers.Browser browser() {
    return WebDrivers.chromium("--window-size=1280,1400");
  }

  @Test
  void anAdministratorLinksIdentitiesThatTheSudoPageThenOffers() throws Exception {
    TestUsers.User user = users.user();
    String subject = newSubject("browser");
    String uid = "browser-" + UUID.randomUUID().toString().substring(0, 8);
    DIRECTORY.add("dn: uid=" + uid + ",ou=people," + BASE_DN, "objectClass: inetOrgPerson", "uid: " + uid,
        "cn: Browser Person", "sn: Person", "mail: " + uid + "@directory.example",
        "userPassword: a directory password 6");
    try (WebDrivers.Browser browser = browser()) {
      WebDriver driver = browser.driver();
      BrowserLogin.logIn(driver, api.baseUrl(), users.superuser().email());
      driver.get(api.baseUrl() + "/admin/users/" + user.id() + "/sso");
      driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
      BrowserNavigation.follow(driver, By.cssSelector("main form button[type=submit]"));
      assertThat(driver.getCurrentUrl()).endsWith("/admin/users/" + user.id() + "/sso");
      BrowserChecks.check(driver, "admin-user-sso-none-linked");

      link(driver, "acme", subject);
      link(driver, "ldap", "uid=" + uid + ",ou=people," + BASE_DN);
      assertThat(driver.findElement(By.cssSelector("table.sso-identities")).getText())
          .contains("Acme Login").contains(subject).contains("Acme directory");
      assertThat(links(user.id())).isEqualTo(2);
      assertThat(driver.findElements(By.cssSelector("button[aria-label='Unlink Acme Login " + subject + "']")))
          .hasSize(1);
      BrowserChecks.check(driver, "admin-user-sso");
      logOut(driver);

      BrowserLogin.logIn(driver, api.baseUrl(), user.email());
      driver.get(api.baseUrl() + "/account/sudo?next=/account/security");
      assertThat(driver.findElements(By.id("password"))).hasSize(1);
      assertThat(driver.findElement(By.id("sso-sudo")).getText()).contains("Sign in again with Acme Login")
          .contains("Confirm with the directory");
      BrowserChecks.check(driver, "sudo-single-sign-on");
    }
  }

  @Test
  void theDirectoryFormAndTheLockedOutLoginPage() {
    TestUsers.User user = users.user();
    try (WebDrivers.Browser browser = browser()) {
      WebDriver driver = browser.driver();
      driver.get(api.baseUrl() + "/login");
      assertThat(driver.findElement(By.cssSelector("form[action$='/login/directory']")).getText())
          .contains("Name").contains("Password");
      BrowserChecks.check(driver, "login-directory");

      for (int i = 0; i < 6 && driver.findElements(By.xpath("//p[contains(., 'Too many failed attempts')]")).isEmpty();
          i++) {
        driver.get(api.baseUrl() + "/login");
        driver.findElement(By.id("username")).sendKeys(user.email());
        driver.findElement(By.id("password")).sendKeys("not the password at all");
        BrowserNavigation.follow(driver, By.cssSelector("form.login button[type=submit]"));
      }
      assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("Too many failed attempts. Try again in");
      BrowserChecks.check(driver, "login-locked-out");
    }
  }

  /** A provider's account signs out: our session ends, then the provider's, which sends the browser back. */
  @Test
  void aProvidersLogoutComesBackToTheLoginPage() {
    String email = newEmail();
    OidcLoginIntegrationTests.nextToken("acme", newSubject("logout"), java.util.Map.of("email", email,
        "email_verified", true));
    try (WebDrivers.Browser browser = browser()) {
      WebDriver driver = browser.driver();
      driver.get(api.baseUrl() + "/login");
      driver.findElement(By.linkText("Acme Login")).click();
      BrowserNavigation.waiting(driver, BrowserNavigation.PAGE_LOAD).until(d ->
          d.getCurrentUrl().startsWith(api.baseUrl()) && !d.findElements(By.cssSelector("a.who")).isEmpty());
      assertThat(driver.findElement(By.cssSelector("a.who")).getText()).isEqualTo(email);

      driver.get(api.baseUrl() + "/logout");
      driver.findElement(By.cssSelector("main form button[type=submit]")).click();
      BrowserNavigation.acceptConfirmation(driver);
      BrowserNavigation.waiting(driver, BrowserNavigation.PAGE_LOAD).until(d ->
          d.getCurrentUrl().equals(api.baseUrl() + "/login?logout"));
      assertThat(driver.findElement(By.cssSelector("main p.notice")).getText()).isEqualTo("You have been logged out.");
      BrowserChecks.check(driver, "login-after-provider-logout");
    }
  }

  private static void link(WebDriver driver, String provider, String subject) {
    new Select(driver.findElement(By.id("sso-provider"))).selectByValue(provider);
    driver.findElement(By.id("sso-subject")).sendKeys(subject);
    BrowserNavigation.follow(driver, By.xpath("//main//form//button[normalize-space()='Link']"));
    assertThat(driver.getCurrentUrl()).endsWith("?linked");
  }

  private void logOut(WebDriver driver) {
    driver.get(api.baseUrl() + "/logout");
    BrowserNavigation.followConfirming(driver, By.cssSelector("main form button[type=submit]"));
  }
}
