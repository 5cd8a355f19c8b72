package org.strongroom.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Duration;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.stream.Collectors;

import org.openqa.selenium.OutputType;
import org.openqa.selenium.TakesScreenshot;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.logging.LogEntry;
import org.openqa.selenium.logging.LogType;
import org.openqa.selenium.support.ui.WebDriverWait;

/**
 * What every page must pass in a real browser: no console error (a CSP violation is one), no
 * HTML comment, no axe-core violation at "serious" or "critical", and a screenshot in
 * {@code target/screenshots/} for review.
 */
public final class BrowserChecks {

  static final String AXE_SHA256 = "29348999450cdf2849a8e70b7912fc2da85a849da39c0d0d5394f51d4a9ed95c";
  static final Path SCREENSHOTS = Path.of("target/screenshots");
  private static final String AXE = readAxe();

  private BrowserChecks() {}

  /** Checks the page now shown; {@code name} names its screenshot. */
  public static void check(WebDriver driver, String name) {
    new WebDriverWait(driver, Duration.ofSeconds(20)).until(d ->
        "complete".equals(((JavascriptExecutor) d).executeScript("return document.readyState")));
    screenshot(driver, name);
    assertNoConsoleErrors(driver, name);
    assertNoComments(driver, name);
    assertAccessible(driver, name);
  }

  /** Developer comments stay in the templates: the page as the browser parsed it has none. */
  @SuppressWarnings("unchecked")
  public static void assertNoComments(WebDriver driver, String name) {
    List<String> comments = (List<String>) ((JavascriptExecutor) driver).executeScript("""
        var walker = document.createTreeWalker(document, NodeFilter.SHOW_COMMENT);
        var found = [];
        while (walker.nextNode()) { found.push(walker.currentNode.data); }
        return found;
        """);
    assertThat(comments).as(name + ": HTML comments served").isEmpty();
  }

  /** Console messages at SEVERE since the last read (Chromium logs CSP violations at this level). */
  public static void assertNoConsoleErrors(WebDriver driver, String name) {
    List<String> errors = driver.manage().logs().get(LogType.BROWSER).getAll().stream()
        .filter(entry -> entry.getLevel().intValue() >= java.util.logging.Level.SEVERE.intValue())
        .map(LogEntry::getMessage)
        // A page that answers an error status is logged as a failed load; the status is checked by the test.
        .filter(message -> !message.contains("Failed to load resource: the server responded with a status"))
        .toList();
    assertThat(errors).as(name + ": console errors (CSP violations included)").isEmpty();
  }

  @SuppressWarnings("unchecked")
  public static void assertAccessible(WebDriver driver, String name) {
    JavascriptExecutor js = (JavascriptExecutor) driver;
    if (!Boolean.TRUE.equals(js.executeScript("return typeof window.axe === 'object'"))) {
      js.executeScript(AXE);
    }
    Object result = js.executeAsyncScript("""
        var done = arguments[arguments.length - 1];
        axe.run(document, {runOnly: {type: 'tag', values: ['wcag2a', 'wcag2aa', 'wcag21a', 'wcag21aa', 'wcag22aa', 'best-practice']},
            rules: {'target-size': {enabled: true}}})
          .then(function (r) {
            done(r.violations.filter(function (v) { return v.impact === 'serious' || v.impact === 'critical'; })
              .map(function (v) { return {id: v.id, impact: v.impact, help: v.help,
                nodes: v.nodes.map(function (n) { return n.target.join(' '); }).join(', ')}; }));
          }, function (e) { done([{id: 'axe-error', impact: 'critical', help: String(e), nodes: ''}]); });
        """);
    List<Map<String, Object>> violations = (List<Map<String, Object>>) result;
    assertThat(violations.stream().map(v -> v.get("impact") + " " + v.get("id") + ": " + v.get("help") + " at "
        + v.get("nodes")).collect(Collectors.toList())).as(name + ": axe-core serious or critical violations").isEmpty();
  }

  /** WCAG 2.4.7 beyond what axe-core sees: the element, focused, shows the site's focus outline. */
  public static void assertFocusVisible(WebDriver driver, WebElement element) {
    String outline = (String) ((JavascriptExecutor) driver).executeScript(
        "var s = getComputedStyle(arguments[0]); return s.outlineStyle + ' ' + s.outlineWidth;", element);
    assertThat(outline).as("focus outline of " + describe(element)).startsWith("solid").endsWith("3px");
  }

  /** An element as the keyboard tests name it: {@code tag#id}, or {@code tag:text} without an id. */
  public static String describe(WebElement element) {
    String id = element.getAttribute("id");
    return element.getTagName() + (id == null || id.isEmpty() ? ":" + element.getText() : "#" + id);
  }

  public static void screenshot(WebDriver driver, String name) {
    try {
      Files.createDirectories(SCREENSHOTS);
      Path shot = ((TakesScreenshot) driver).getScreenshotAs(OutputType.FILE).toPath();
      Files.move(shot, SCREENSHOTS.resolve(name + ".png"), StandardCopyOption.REPLACE_EXISTING);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String readAxe() {
    try (InputStream in = BrowserChecks.class.getResourceAsStream("/axe/axe.min.js")) {
      byte[] bytes = in.readAllBytes();
      String hash = HexFormat.of().formatHex(MessageDigest.getInstance("SHA-256").digest(bytes));
      if (!AXE_SHA256.equals(hash)) {
        throw new IllegalStateException("src/test/resources/axe/axe.min.js is not the vendored axe-core (hash "
            + hash + "); see src/test/resources/axe/README.md");
      }
      return new String(bytes, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }
}
