package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.time.Duration;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.context.annotation.Import;
import org.strongroom.support.ApiClient;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.RequiresChromium;
import org.strongroom.support.WebDrivers;

/** A real browser enforces the CSP: an inline script without the nonce never runs; ours do. */
@RequiresChromium
@IntegrationTest
@Import(PerimeterTestEndpoints.class)
class CspBrowserIntegrationTests {

  @Autowired
  ApiClient api;

  @Test
  void inlineScriptWithoutTheNonceIsBlocked() {
    try (WebDrivers.Browser browser = WebDrivers.chromium()) {
      WebDriver driver = browser.driver();
      driver.get(api.baseUrl() + "/test/inline-script");
      driver.findElement(By.id("p"));
      JavascriptExecutor js = (JavascriptExecutor) driver;

      new WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
          ((Number) js.executeScript("return window.violations ? window.violations.length : 0")).intValue() > 0);

      assertThat(js.executeScript("return window.withNonce")).isEqualTo("ran");
      assertThat(js.executeScript("return window.withoutNonce === undefined")).isEqualTo(true);
      assertThat(js.executeScript("return window.violations.join(',')").toString()).contains("script-src");
    }
  }

  @Test
  void thePagesOwnScriptRunsUnderTheNonce() {
    try (WebDrivers.Browser browser = WebDrivers.chromium()) {
      WebDriver driver = browser.driver();
      driver.get(api.baseUrl() + "/records/");

      new WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
          "loaded".equals(d.findElement(By.tagName("html")).getAttribute("data-strongroom-script")));
      assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("q");
    }
  }
}
