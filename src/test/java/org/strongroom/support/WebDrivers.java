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
    return start(true, false, extraArguments);
  }

  /**
   * As {@link #chromium}, also speaking WebDriver BiDi, for tests that step into the browser's
   * network (Selenium's {@code org.openqa.selenium.bidi.module.Network}): BiDi is a standard,
   * so it needs no DevTools package matching the installed Chromium. Its commands do not wait
   * for page loads (page load strategy "none"): chromedriver would otherwise hold every
   * command, BiDi ones too, while a navigation is held by the test, so the test waits for the
   * pages it expects itself.
   */
  public static Browser chromiumWithBiDi(String... extraArguments) {
    return start(true, true, extraArguments);
  }

  /**
   * A headless Chromium that checks certificates, trusting only the test instance's own (its
   * public key pinned with {@code --ignore-certificate-errors-spki-list}, which Chromium honours
   * with a {@code --user-data-dir}): for pages where the browser's security state matters,
   * such as WebAuthn, which Chromium refuses on pages with certificate errors.
   */
  public static Browser chromiumTrustingTestCertificate(String... extraArguments) {
    java.util.List<String> arguments = new java.util.ArrayList<>(java.util.List.of(
        "--ignore-certificate-errors-spki-list=" + testCertificatePin()));
    arguments.addAll(java.util.List.of(extraArguments));
    return start(false, false, arguments.toArray(String[]::new));
  }

  /** Base64 of the SHA-256 of the test certificate's SubjectPublicKeyInfo. */
  static String testCertificatePin() {
    try (var in = Files.newInputStream(TestInstance.LAYOUT.tlsCertificate())) {
      var certificate = java.security.cert.CertificateFactory.getInstance("X.509").generateCertificate(in);
      byte[] spki = certificate.getPublicKey().getEncoded();
      return java.util.Base64.getEncoder().encodeToString(
          java.security.MessageDigest.getInstance("SHA-256").digest(spki));
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    } catch (java.security.GeneralSecurityException e) {
      throw new IllegalStateException("cannot read the test certificate", e);
    }
  }

  private static Browser start(boolean ignoreCertificateErrors, boolean biDi, String... extraArguments) {
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
        "--disable-dev-shm-usage", "--user-data-dir=" + profile);
    if (ignoreCertificateErrors) {
      options.addArguments("--ignore-certificate-errors");
    }
    options.addArguments(extraArguments);
    if (biDi) {
      options.enableBiDi();
      // Under BiDi a dialog would be answered at once ("dismiss and notify"); the tests answer
      // confirmations themselves (BrowserNavigation.acceptConfirmation), as without it.
      options.setUnhandledPromptBehaviour(org.openqa.selenium.UnexpectedAlertBehaviour.IGNORE);
      options.setPageLoadStrategy(org.openqa.selenium.PageLoadStrategy.NONE);
    }
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
