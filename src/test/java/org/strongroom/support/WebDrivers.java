package org.strongroom.support;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;

import org.openqa.selenium.chrome.ChromeDriver;
import org.openqa.selenium.chrome.ChromeDriverService;
import org.openqa.selenium.chrome.ChromeOptions;

/**
 * Headless Chromium for browser tests (Debian's {@code chromium} + {@code chromium-driver}),
 * isolated: a fresh profile folder, no network traffic of its own, no updates or sync.
 * The caller quits the driver (try-with-resources via {@link Browser}).
 */
public final class WebDrivers {

  private static final List<String> CHROMIUM = List.of("/usr/bin/chromium", "/usr/bin/chromium-browser");
  private static final List<String> DRIVER = List.of("/usr/bin/chromedriver", "/usr/lib/chromium/chromedriver");

  private WebDrivers() {}

  /** A driver and its profile folder, removed on close. */
  public record Browser(ChromeDriver driver, Path profile) implements AutoCloseable {
    @Override
    public void close() {
      try {
        driver.quit();
      } finally {
        deleteQuietly(profile);
      }
    }
  }

  /**
   * A headless Chromium. {@code --ignore-certificate-errors} because the test server uses the
   * test instance's self-signed certificate; nothing else is relaxed.
   */
  public static Browser chromium(String... extraArguments) {
    Path profile;
    try {
      profile = Files.createTempDirectory("strongroom-chromium-");
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
    ChromeOptions options = new ChromeOptions();
    options.setBinary(chromiumBinary());
    options.addArguments("--headless", "--no-sandbox", "--disable-gpu", "--disable-quic", "--no-first-run",
        "--disable-background-networking", "--disable-component-update", "--disable-sync",
        "--disable-dev-shm-usage", "--ignore-certificate-errors", "--user-data-dir=" + profile);
    options.addArguments(extraArguments);
    // Console messages (CSP violations, script errors) for BrowserChecks.
    options.setCapability("goog:loggingPrefs", java.util.Map.of("browser", "ALL"));
    ChromeDriverService service = new ChromeDriverService.Builder()
        .usingDriverExecutable(Path.of(driverBinary()).toFile()).usingAnyFreePort().build();
    ChromeDriver driver = new ChromeDriver(service, options);
    driver.manage().timeouts().pageLoadTimeout(Duration.ofSeconds(30));
    return new Browser(driver, profile);
  }

  static String chromiumBinary() {
    return firstExecutable(CHROMIUM);
  }

  static String driverBinary() {
    return firstExecutable(DRIVER);
  }

  private static String firstExecutable(List<String> candidates) {
    return candidates.stream().filter(path -> Files.isExecutable(Path.of(path))).findFirst().orElse(null);
  }

  private static void deleteQuietly(Path folder) {
    try (var paths = Files.walk(folder)) {
      paths.sorted(java.util.Comparator.reverseOrder()).forEach(path -> path.toFile().delete());
    } catch (IOException ignored) {
      // a temporary folder; the OS cleans it up eventually
    }
  }
}
