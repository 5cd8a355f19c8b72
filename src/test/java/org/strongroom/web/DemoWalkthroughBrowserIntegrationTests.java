package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.BrowserNavigation.follow;

import java.io.File;
import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.ServerSocket;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.Arrays;
import java.util.List;
import java.util.concurrent.TimeUnit;
import java.util.regex.Matcher;
import java.util.regex.Pattern;
import java.util.stream.Collectors;

import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.strongroom.support.BrowserChecks;
import org.strongroom.support.BrowserNavigation;
import org.strongroom.support.Eventually;
import org.strongroom.support.RequiresChromium;
import org.strongroom.support.WebDrivers;

/**
 * The "done when", as a newcomer lives it: {@code strongroom demo} is started as its
 * own process on a fresh instance folder, exactly as {@code ./strongroom demo --instance …
 * --port …} starts it (the same main class and arguments, the application's own configuration
 * only, production rate limits included). The newcomer opens the start page, the only address
 * typed, and from there only clicks: signs in with the password the command printed, deposits
 * a record, uploads two files to it, and finds the token page; then an administrator finds the
 * audit log, through the sudo prompt, and sees the newcomer's deposit there. Every page passes
 * {@link BrowserChecks} and leaves a screenshot {@code walkthrough-*.png}.
 */
@RequiresChromium
class DemoWalkthroughBrowserIntegrationTests {

  static final Pattern PRINTED_PASSWORD = Pattern.compile("(?m)^\\s+\\S+\\s+(\\S+@example\\.org)\\s+password (\\S+)$");
  static final String SERVING = "Strongroom demo is serving https://localhost:";

  @TempDir
  static Path temp;

  static Process demo;
  static Path output;
  static int port;

  @BeforeAll
  static void startTheDemo() throws IOException {
    port = freePort();
    output = Files.createDirectories(Path.of("target")).resolve("demo-walkthrough.log");
    ProcessBuilder command = new ProcessBuilder(javaCommand(), "-Xmx512m", "-cp", applicationClasspath(),
        "org.strongroom.cli.StrongroomCli", "demo", "--instance", temp.resolve("instance").toString(),
        "--port", Integer.toString(port));
    // Surefire sets STRONGROOM_ENV for the tests; a newcomer's shell has none.
    command.environment().remove("STRONGROOM_ENV");
    command.redirectErrorStream(true).redirectOutput(output.toFile());
    demo = command.start();
    Eventually.until(Duration.ofMinutes(4), "the demo to print its passwords and serve", () -> {
      assertThat(demo.isAlive()).as("the demo exited early; see " + output).isTrue();
      return printed().contains(SERVING + port + "/");
    });
  }

  @AfterAll
  static void stopTheDemo() throws InterruptedException {
    if (demo != null) {
      demo.destroy();
      if (!demo.waitFor(60, TimeUnit.SECONDS)) {
        demo.destroyForcibly().waitFor(30, TimeUnit.SECONDS);
      }
    }
  }

  @Test
  void aNewcomerDepositsARecordWithTwoFilesFindsTheTokensAndAnAdministratorFindsTheAuditLog() throws IOException {
    Path folder = Files.createDirectories(temp.resolve("newcomer"));
    Path readings = Files.writeString(folder.resolve("readings.csv"), "day,level\n2024-05-17,3.2\n2024-05-18,3.4\n");
    Path notes = Files.writeString(folder.resolve("method.txt"), "Read at noon from the harbour gauge.");
    String alicePassword = printedPassword("alice@example.org");
    String adminPassword = printedPassword("admin@example.org");

    try (WebDrivers.Browser browser = WebDrivers.chromium("--window-size=1280,1600")) {
      WebDriver driver = browser.driver();
      // The one address typed: what the demo printed.
      driver.get("https://localhost:" + port + "/");
      BrowserChecks.check(driver, "walkthrough-01-start");

      follow(driver, By.linkText("Log in"));
      signIn(driver, "alice@example.org", alicePassword);
      assertThat(heading(driver)).isEqualTo("Strongroom");
      BrowserChecks.check(driver, "walkthrough-02-signed-in");

      follow(driver, By.linkText("New record"));
      BrowserChecks.check(driver, "walkthrough-03-deposit-form");
      driver.findElement(By.id("title")).sendKeys("Tide gauge readings, Brest harbour, May 2024");
      driver.findElement(By.id("description")).sendKeys("Daily readings at **noon**.");
      driver.findElement(By.id("contributor-0-name")).sendKeys("Le Gall, Maëlle");
      driver.findElement(By.id("contributor-0-affiliation")).sendKeys("Demo University");
      driver.findElement(By.id("keywords")).sendKeys("tides\nharbour");
      follow(driver, By.cssSelector("button[value=save]"));
      assertThat(heading(driver)).isEqualTo("Tide gauge readings, Brest harbour, May 2024");
      assertThat(driver.findElement(By.id("no-files")).getText()).contains("Add files");
      BrowserChecks.check(driver, "walkthrough-04-record-deposited");

      driver.findElement(By.id("file-picker")).sendKeys(readings.toAbsolutePath() + "\n" + notes.toAbsolutePath());
      BrowserNavigation.waiting(driver, Duration.ofSeconds(120)).until(d ->
          d.findElements(By.cssSelector("li.upload-item[data-state=done]")).size() == 2
              || !d.findElements(By.cssSelector("li.upload-item[data-state=failed]")).isEmpty());
      assertThat(driver.findElements(By.cssSelector("li.upload-item[data-state=failed]")))
          .extracting(WebElement::getText).isEmpty();
      BrowserChecks.check(driver, "walkthrough-05-uploaded");
      follow(driver, By.linkText("Show the updated file list"));
      String files = driver.findElement(By.cssSelector("table.files")).getText();
      assertThat(files).contains("readings.csv").contains("method.txt").contains("text/csv");
      BrowserChecks.check(driver, "walkthrough-06-record-with-files");

      follow(driver, By.linkText("Tokens"));
      assertThat(heading(driver)).isEqualTo("Personal access tokens");
      assertThat(driver.findElement(By.cssSelector("form.token")).getText())
          .contains("upload, replace and delete files on your records").contains("Expires after");
      BrowserChecks.check(driver, "walkthrough-07-tokens");

      follow(driver, By.linkText("Log out"));
      BrowserNavigation.followConfirming(driver, By.cssSelector("main form button[type=submit]"));
      assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("You have been logged out.");

      signIn(driver, "admin@example.org", adminPassword);
      follow(driver, By.linkText("Administration"));
      assertThat(heading(driver)).isEqualTo("Confirm your identity");
      BrowserChecks.check(driver, "walkthrough-08-sudo");
      driver.findElement(By.id("password")).sendKeys(adminPassword);
      follow(driver, By.cssSelector("main form button[type=submit]"));
      assertThat(heading(driver)).isEqualTo("Administration");
      BrowserChecks.check(driver, "walkthrough-09-administration");

      follow(driver, By.linkText("Audit log"));
      assertThat(heading(driver)).isEqualTo("Audit log");
      assertThat(driver.findElement(By.id("chain-status")).getText()).contains("Chain verified");
      assertThat(driver.findElement(By.cssSelector("table.audit")).getText())
          .contains("alice@example.org").contains("record.create").contains("file.");
      BrowserChecks.check(driver, "walkthrough-10-audit-log");
    }
  }

  private static void signIn(WebDriver driver, String email, String password) {
    assertThat(heading(driver)).isEqualTo("Log in");
    driver.findElement(By.id("username")).sendKeys(email);
    driver.findElement(By.id("password")).sendKeys(password);
    follow(driver, By.cssSelector("form.login button[type=submit]"));
    assertThat(driver.getCurrentUrl()).as("signed in").doesNotContain("/login");
  }

  private static String heading(WebDriver driver) {
    return driver.findElement(By.tagName("h1")).getText();
  }

  private static String printed() {
    try {
      return Files.readString(output, StandardCharsets.UTF_8);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  private static String printedPassword(String email) {
    Matcher lines = PRINTED_PASSWORD.matcher(printed());
    List<String> seen = new ArrayList<>();
    while (lines.find()) {
      seen.add(lines.group(1));
      if (lines.group(1).equals(email)) {
        return lines.group(2);
      }
    }
    throw new AssertionError("the demo printed no password for " + email + " (it printed some for " + seen + ")");
  }

  private static String javaCommand() {
    return ProcessHandle.current().info().command()
        .orElse(Path.of(System.getProperty("java.home"), "bin", "java").toString());
  }

  /** The application's classes and libraries, without the tests' classes and their configuration. */
  private static String applicationClasspath() {
    String classpath = System.getProperty("surefire.test.class.path", System.getProperty("java.class.path"));
    return Arrays.stream(classpath.split(File.pathSeparator))
        .filter(entry -> !entry.endsWith("test-classes") && !entry.endsWith("test-classes/"))
        .collect(Collectors.joining(File.pathSeparator));
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }
}
