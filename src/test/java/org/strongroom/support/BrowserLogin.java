package org.strongroom.support;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;

/** Signing in through the login page in a real browser, as a user does. */
public final class BrowserLogin {

  private BrowserLogin() {}

  /** Opens the login page, fills in the form with the test password and submits it; waits for nothing. */
  public static void submit(WebDriver driver, String baseUrl, String email) {
    driver.get(baseUrl + "/login");
    driver.findElement(By.id("username")).sendKeys(email);
    driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
    driver.findElement(By.cssSelector("form.login button[type=submit]")).click();
  }

  /** {@link #submit}, then waits until the browser has left the login page. */
  public static void logIn(WebDriver driver, String baseUrl, String email) {
    submit(driver, baseUrl, email);
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> !d.getCurrentUrl().contains("/login"));
  }
}
