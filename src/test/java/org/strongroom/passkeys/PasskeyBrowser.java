package org.strongroom.passkeys;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.TimeoutException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.openqa.selenium.virtualauthenticator.HasVirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticator;
import org.openqa.selenium.virtualauthenticator.VirtualAuthenticatorOptions;
import org.strongroom.support.BrowserLogin;
import org.strongroom.support.TestUsers;
import org.strongroom.support.WebDrivers;

/**
 * Chromium with a virtual platform authenticator (resident keys, user verification), checking
 * certificates but trusting the test instance's, since Chromium refuses WebAuthn on pages with
 * certificate errors; and the steps the passkey tests take in it. Closing it quits the browser.
 */
final class PasskeyBrowser implements AutoCloseable {

  /** The status of {@code GET /api/me} from the page, with its cookies. */
  static final String GET_ME = """
      const done = arguments[arguments.length - 1];
      fetch('/api/me', {credentials: 'same-origin'}).then(r => done(r.status)).catch(e => done('error ' + e));
      """;

  final WebDriver driver;
  final VirtualAuthenticator authenticator;
  final WebDriverWait wait;
  final JavascriptExecutor js;
  private final WebDrivers.Browser browser;
  private final String baseUrl;

  private PasskeyBrowser(String baseUrl, Duration wait) {
    this.baseUrl = baseUrl;
    this.browser = WebDrivers.chromiumTrustingTestCertificate();
    this.driver = browser.driver();
    this.authenticator = ((HasVirtualAuthenticator) driver).addVirtualAuthenticator(new VirtualAuthenticatorOptions()
        .setProtocol(VirtualAuthenticatorOptions.Protocol.CTAP2)
        .setTransport(VirtualAuthenticatorOptions.Transport.INTERNAL)
        .setHasResidentKey(true).setHasUserVerification(true).setIsUserVerified(true).setIsUserConsenting(true));
    this.wait = new WebDriverWait(driver, wait);
    this.js = (JavascriptExecutor) driver;
    driver.manage().timeouts().scriptTimeout(Duration.ofSeconds(20));
  }

  /** Signed out, with an authenticator holding no credential. */
  static PasskeyBrowser open(String baseUrl) {
    return new PasskeyBrowser(baseUrl, Duration.ofSeconds(30));
  }

  /**
   * The user signed in with their password, in sudo mode, on the passkeys page, having just
   * registered a passkey under {@code label} in this browser's authenticator.
   */
  static PasskeyBrowser signedInWithPasskey(String baseUrl, String email, String label) {
    PasskeyBrowser browser = open(baseUrl);
    try {
      browser.passwordLogin(email);
      browser.confirmSudo();
      browser.addPasskey(label);
      return browser;
    } catch (RuntimeException | AssertionError e) {
      browser.close();
      throw e;
    }
  }

  Object meStatus() {
    return js.executeAsyncScript(GET_ME);
  }

  void passwordLogin(String email) {
    BrowserLogin.submit(driver, baseUrl, email);
    wait.until(ExpectedConditions.not(ExpectedConditions.urlContains("/login?")));
  }

  void confirmSudo() {
    driver.get(baseUrl + "/account/sudo?next=" + PasskeyController.PAGE);
    driver.findElement(By.cssSelector("input[name=password]")).sendKeys(TestUsers.PASSWORD);
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    wait.until(ExpectedConditions.urlToBe(baseUrl + PasskeyController.PAGE));
  }

  void addPasskey(String label) {
    driver.findElement(By.id("passkey-label")).sendKeys(label);
    driver.findElement(By.cssSelector("#passkey-register button[type=submit]")).click();
    try {
      wait.until(ExpectedConditions.urlContains("?added"));
    } catch (TimeoutException e) {
      throw new AssertionError("passkey not added: " + driver.findElement(By.id("passkey-status")).getText(), e);
    }
  }

  /** Opens the login page and signs in with the passkey alone. */
  void signInWithPasskeyFromTheLoginPage() {
    driver.get(baseUrl + "/login");
    signInWithPasskey();
  }

  /** Presses the passkey button of the page shown and waits for the home page. */
  void signInWithPasskey() {
    driver.findElement(By.id("passkey-sign-in")).click();
    try {
      wait.until(ExpectedConditions.urlToBe(baseUrl + "/"));
    } catch (TimeoutException e) {
      throw new AssertionError("not signed in: " + driver.findElement(By.id("passkey-status")).getText(), e);
    }
  }

  void logOut() {
    driver.get(baseUrl + "/logout");
    driver.findElement(By.cssSelector("main form button[type=submit]")).click();
    try {
      new WebDriverWait(driver, Duration.ofSeconds(2)).until(ExpectedConditions.alertIsPresent()).accept();
    } catch (TimeoutException noConfirmation) {
      // this logout page submits without asking
    }
    wait.until(ExpectedConditions.urlContains("/login?logout"));
  }

  @Override
  public void close() {
    browser.close();
  }
}
