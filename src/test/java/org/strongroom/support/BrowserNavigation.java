package org.strongroom.support;

import java.time.Duration;

import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.StaleElementReferenceException;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * Moving between pages as a person does, by clicking, and waiting until the next page has
 * replaced the one clicked on: an element looked up right after a click could otherwise still
 * come from the old page.
 */
public final class BrowserNavigation {

  /** Generous: the browser and the server share a busy machine with other tests. */
  public static final Duration PAGE_LOAD = Duration.ofSeconds(60);

  private BrowserNavigation() {}

  /** Waits through page reloads: an element read while its page is being replaced is stale. */
  public static WebDriverWait waiting(WebDriver driver, Duration timeout) {
    WebDriverWait wait = new WebDriverWait(driver, timeout);
    wait.ignoring(StaleElementReferenceException.class);
    return wait;
  }

  /** Clicks the element (a link or a submit button) and waits for the page it leads to. */
  public static void follow(WebDriver driver, WebElement element) {
    WebElement page = driver.findElement(By.tagName("html"));
    element.click();
    arrived(driver, page);
  }

  public static void follow(WebDriver driver, By element) {
    follow(driver, driver.findElement(element));
  }

  /** Clicks a button whose form asks for confirmation, accepts it, and waits for the next page. */
  public static void followConfirming(WebDriver driver, By element) {
    WebElement page = driver.findElement(By.tagName("html"));
    driver.findElement(element).click();
    acceptConfirmation(driver);
    arrived(driver, page);
  }

  /** Accepts the confirmation dialog that the last action opened. */
  public static void acceptConfirmation(WebDriver driver) {
    waiting(driver, Duration.ofSeconds(20)).until(ExpectedConditions.alertIsPresent()).accept();
  }

  /** Answers "Cancel" to the confirmation dialog that the last action opened. */
  public static void dismissConfirmation(WebDriver driver) {
    waiting(driver, Duration.ofSeconds(20)).until(ExpectedConditions.alertIsPresent()).dismiss();
  }

  private static void arrived(WebDriver driver, WebElement previousPage) {
    waiting(driver, PAGE_LOAD).until(d -> isGone(previousPage));
    waiting(driver, PAGE_LOAD).until(d ->
        "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
  }

  /**
   * Whether the element's page was replaced. Chromium sometimes answers a question about a node
   * of a page being replaced with "does not belong to the document" rather than a stale reference.
   */
  private static boolean isGone(WebElement element) {
    try {
      element.isEnabled();
      return false;
    } catch (StaleElementReferenceException gone) {
      return true;
    } catch (org.openqa.selenium.WebDriverException e) {
      if (e.getMessage() != null && e.getMessage().contains("does not belong to the document")) {
        return true;
      }
      throw e;
    }
  }
}
