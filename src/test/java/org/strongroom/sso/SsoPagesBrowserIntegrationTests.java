package org.strongroom.sso;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.UUID;
import java.util.concurrent.CompletableFuture;
import java.util.concurrent.TimeUnit;

import okhttp3.HttpUrl;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.Keys;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.bidi.module.Network;
import org.openqa.selenium.bidi.network.AddInterceptParameters;
import org.openqa.selenium.bidi.network.BytesValue;
import org.openqa.selenium.bidi.network.InterceptPhase;
import org.openqa.selenium.bidi.network.ProvideResponseParameters;
import org.openqa.selenium.bidi.network.RequestData;
import org.openqa.selenium.bidi.network.UrlPattern;
import org.openqa.selenium.interactions.Actions;
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
 * user with both linked, offering them besides the password; the page that forwards to a
 * provider's logout, and the login page that logout sends the browser back to. Shares its
 * server with the other single sign-on tests.
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

  /**
   * A provider's account signs out: our session ends, and the page between our logout and the
   * provider's ({@code sso/logout.html}) sends the browser on by itself. It forwards at once, so
   * the browser's first request for the provider's logout is held (answered 204 No Content,
   * which leaves the page that asked in place) while the page our server served, under its own
   * CSP, passes {@link BrowserChecks}. Its link then leads on from the keyboard alone: to the
   * provider's logout, which sends the browser back to the login page.
   */
  @Test
  void theProviderLogoutPageIsCheckedThenItsLinkLeadsOnFromTheKeyboard() throws Exception {
    String email = newEmail();
    OidcLoginIntegrationTests.nextToken("acme", newSubject("logout"), java.util.Map.of("email", email,
        "email_verified", true));
    HttpUrl endSession = PROVIDER.endSessionEndpointUrl("acme");
    try (WebDrivers.Browser browser = WebDrivers.chromiumWithBiDi("--window-size=1280,1400");
        Network network = new Network(browser.driver())) {
      WebDriver driver = browser.driver();
      driver.get(api.baseUrl() + "/login");
      arrived(driver, api.baseUrl() + "/login");
      driver.findElement(By.linkText("Acme Login")).click();
      arrived(driver, api.baseUrl() + "/");
      assertThat(driver.findElement(By.cssSelector("a.who")).getText()).isEqualTo(email);

      CompletableFuture<RequestData> forwarded = new CompletableFuture<>();
      String hold = network.addIntercept(new AddInterceptParameters(InterceptPhase.BEFORE_REQUEST_SENT)
          .urlPattern(new UrlPattern().protocol(endSession.scheme()).hostname(endSession.host())
              .port(String.valueOf(endSession.port())).pathname(endSession.encodedPath())));
      network.onBeforeRequestSent(request -> {
        if (request.isBlocked()) {
          forwarded.complete(request.getRequest());
        }
      });
      driver.get(api.baseUrl() + "/logout");
      arrived(driver, api.baseUrl() + "/logout");
      driver.findElement(By.cssSelector("main form button[type=submit]")).click();
      BrowserNavigation.acceptConfirmation(driver);
      // Asked for by the page itself, nobody having clicked: it forwards without a script.
      RequestData held = forwarded.get(BrowserNavigation.PAGE_LOAD.toSeconds(), TimeUnit.SECONDS);
      String providerLogout = held.getUrl();
      assertThat(providerLogout).startsWith(endSession + "?client_id=strongroom&post_logout_redirect_uri=");
      // Answered here, not in the listener: a BiDi command sent from within one never returns.
      // (An empty body, or Chromium's BiDi layer lets the request through to the provider.)
      network.provideResponse(new ProvideResponseParameters(held.getRequestId()).statusCode(204)
          .body(new BytesValue(BytesValue.Type.STRING, "")));
      BrowserNavigation.waiting(driver, BrowserNavigation.PAGE_LOAD).until(d ->
          d.findElement(By.tagName("h1")).getText().equals("You have been logged out"));
      assertThat(driver.getCurrentUrl()).isEqualTo(api.baseUrl() + "/logout");
      BrowserChecks.check(driver, "logout-at-the-provider");
      WebElement onward = driver.findElement(By.id("provider-logout"));
      assertThat(onward.getAttribute("href")).isEqualTo(providerLogout);
      network.removeIntercept(hold);

      Actions keyboard = new Actions(driver);
      for (int i = 0; i < 10 && !onward.equals(driver.switchTo().activeElement()); i++) {
        keyboard.sendKeys(Keys.TAB).perform();
      }
      assertThat(driver.switchTo().activeElement()).as("the link, reached with Tab").isEqualTo(onward);
      BrowserChecks.assertFocusVisible(driver, onward);
      keyboard.sendKeys(Keys.ENTER).perform();
      arrived(driver, api.baseUrl() + "/login?logout");
      assertThat(driver.findElement(By.cssSelector("main p.notice")).getText()).isEqualTo("You have been logged out.");
      BrowserChecks.check(driver, "login-after-provider-logout");
    }
  }

  /** For a browser that does not wait for page loads itself ({@link WebDrivers#chromiumWithBiDi}). */
  private static void arrived(WebDriver driver, String url) {
    BrowserNavigation.waiting(driver, BrowserNavigation.PAGE_LOAD)
        .withMessage(() -> "arriving at " + url + "; the browser is at " + driver.getCurrentUrl())
        .until(d -> d.getCurrentUrl().equals(url)
        && "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
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
