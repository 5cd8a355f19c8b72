package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;

import java.io.IOException;
import java.io.OutputStream;
import java.net.ServerSocket;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.support.ui.ExpectedConditions;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.core.Scope;
import org.strongroom.support.ApiClient;
import org.strongroom.support.BrowserChecks;
import org.strongroom.support.BrowserNavigation;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.RequiresChromium;
import org.strongroom.support.TestUsers;
import org.strongroom.support.WebDrivers;
import org.strongroom.tokens.AccessTokens;
import org.strongroom.tokens.OperatorTokens;

/**
 * The web interface end to end in Chromium: deposit with a validation error then success, a
 * 50 MB upload with its progress bar reaching 100 %, download from the files origin, an edit
 * that meets someone else's save, a record made restricted, file and record deletion, tokens
 * (the user's own and, for an administrator, anyone's), the audit log's broken chain, an
 * anonymous visitor's record page and a password change an administrator asked for. Every
 * page passes {@link BrowserChecks} (no console error or CSP violation, axe-core clean) and
 * leaves a screenshot in {@code target/screenshots/}.
 */
@RequiresChromium
@IntegrationTest
@TestPropertySource(properties = "strongroom.storage.local.path=target/test-files/web-browser-${random.uuid}")
class WebInterfaceBrowserIntegrationTests {

  static final String FILES_HOST = "files.strongroom.test";
  static final int PORT = freePort();
  static final int FIFTY_MB = 50 * 1024 * 1024;

  @DynamicPropertySource
  static void filesOrigin(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("strongroom.files.origin", () -> "https://" + FILES_HOST + ":" + PORT);
  }

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired OperatorTokens tokens;
  @Autowired JdbcClient jdbc;

  static WebDrivers.Browser browser() {
    return WebDrivers.chromium("--host-resolver-rules=MAP " + FILES_HOST + " 127.0.0.1", "--window-size=1280,1600");
  }

  /** Waits through page reloads: an element read while its page is being replaced is stale. */
  static WebDriverWait waiting(WebDriver driver, int seconds) {
    WebDriverWait wait = new WebDriverWait(driver, Duration.ofSeconds(seconds));
    wait.ignoring(org.openqa.selenium.StaleElementReferenceException.class);
    return wait;
  }

  void logIn(WebDriver driver, String email) {
    driver.get(api.baseUrl() + "/login");
    BrowserChecks.check(driver, "login");
    driver.findElement(By.id("username")).sendKeys(email);
    driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
    driver.findElement(By.cssSelector("form.login button[type=submit]")).click();
    waiting(driver, 20).until(d -> !d.getCurrentUrl().contains("/login"));
  }

  static void acceptConfirmation(WebDriver driver) {
    waiting(driver, 10).until(ExpectedConditions.alertIsPresent()).accept();
  }

  @Test
  void depositUploadDownloadEditAndDelete() throws IOException {
    TestUsers.User alice = users.user();
    Path folder = Files.createDirectories(Path.of("target/browser-uploads"));
    Path big = folder.resolve("big.bin");
    try (OutputStream out = Files.newOutputStream(big)) {
      byte[] block = new byte[1024 * 1024];
      Arrays.fill(block, (byte) 7);
      for (int i = 0; i < 50; i++) {
        out.write(block);
      }
    }
    Path notes = folder.resolve("notes.txt");
    Files.writeString(notes, "Field notes, served from the files origin.");

    try (WebDrivers.Browser browser = browser()) {
      WebDriver driver = browser.driver();
      logIn(driver, alice.email());
      BrowserChecks.check(driver, "home-signed-in");
      driver.get(api.baseUrl() + "/records/");
      BrowserChecks.check(driver, "records-list");

      driver.findElement(By.linkText("New record")).click();
      BrowserChecks.check(driver, "deposit-empty");
      driver.findElement(By.id("contributor-0-name")).sendKeys("Lovelace, Ada");
      driver.findElement(By.id("contributor-0-orcid")).sendKeys("0000-0002-1825-0097");
      driver.findElement(By.id("keywords")).sendKeys("engines\nmathematics");
      driver.findElement(By.cssSelector("button[value=save]")).click();
      assertThat(driver.findElement(By.id("title-error")).getText()).contains("A title is required");
      assertThat(driver.findElement(By.id("contributor-0-name")).getAttribute("value")).isEqualTo("Lovelace, Ada");
      BrowserChecks.check(driver, "deposit-validation-error");

      driver.findElement(By.id("title")).sendKeys("Engines of thought");
      driver.findElement(By.id("description")).sendKeys("Some **bold** words.");
      driver.findElement(By.cssSelector("button[value=preview]")).click();
      assertThat(driver.findElement(By.cssSelector("#preview strong")).getText()).isEqualTo("bold");
      BrowserChecks.check(driver, "deposit-preview");
      new org.openqa.selenium.support.ui.Select(driver.findElement(By.id("resource_type"))).selectByValue("dataset");
      driver.findElement(By.id("publication_date")).sendKeys("2024-05-17");
      driver.findElement(By.id("license")).sendKeys("CC-BY-4.0");
      driver.findElement(By.cssSelector("button[value=save]")).click();
      waiting(driver, 20).until(d -> d.getCurrentUrl().matches(".*/records/[a-z0-9-]+$"));
      String recordUrl = driver.getCurrentUrl();
      String id = recordUrl.substring(recordUrl.lastIndexOf('/') + 1);
      assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Engines of thought");
      BrowserChecks.check(driver, "record-new");
      BrowserNavigation.follow(driver, By.linkText("Records"));
      driver.findElement(By.cssSelector("form.search input[type=search]")).sendKeys("engines");
      BrowserNavigation.follow(driver, By.cssSelector("form.search button"));
      assertThat(driver.findElement(By.cssSelector("main mark")).getText()).isEqualToIgnoringCase("engines");
      assertThat(driver.findElements(By.cssSelector("aside.facets"))).isNotEmpty();
      BrowserChecks.check(driver, "records-search");
      BrowserNavigation.follow(driver, By.cssSelector("aside.facets section.facet a"));
      assertThat(driver.findElements(By.cssSelector("aside.facets a[aria-current=true]"))).hasSize(1);
      assertThat(driver.findElements(By.cssSelector("ul.active-filters a"))).hasSize(1);
      BrowserChecks.check(driver, "records-search-filtered");
      BrowserNavigation.follow(driver, By.linkText("Engines of thought"));

      driver.findElement(By.id("file-picker")).sendKeys(big.toAbsolutePath() + "\n" + notes.toAbsolutePath());
      waiting(driver, 180).until(d -> d.findElements(By.cssSelector("li.upload-item[data-state]")).size() == 2);
      WebElement bigItem = driver.findElement(By.cssSelector("li.upload-item[data-key='big.bin']"));
      assertThat(bigItem.getAttribute("data-state")).as(bigItem.getText()).isEqualTo("done");
      assertThat(bigItem.getAttribute("data-progress")).isEqualTo("100");
      assertThat(bigItem.findElement(By.tagName("progress")).getAttribute("value")).isEqualTo("100");
      BrowserChecks.check(driver, "record-uploaded");

      driver.findElement(By.id("uploads-done")).findElement(By.tagName("a")).click();
      waiting(driver, 20).until(d -> !d.findElements(By.cssSelector("table.files")).isEmpty());
      String files = driver.findElement(By.cssSelector("table.files")).getText();
      assertThat(files).contains("big.bin").contains("52,428,800 bytes").contains("notes.txt");
      assertThat(api.get("/api/records/" + id + "/files", bearer(alice.token())).body()).contains("52428800");
      BrowserChecks.check(driver, "record-with-files");

      driver.findElement(By.linkText("notes.txt")).click();
      waiting(driver, 20).until(d -> d.getCurrentUrl().contains(FILES_HOST));
      assertThat(driver.getCurrentUrl()).startsWith("https://" + FILES_HOST + ":" + PORT + "/");
      assertThat(driver.getPageSource()).contains("Field notes, served from the files origin.");

      driver.get(recordUrl + "/edit");
      BrowserChecks.check(driver, "edit");
      WebElement title = driver.findElement(By.id("title"));
      title.clear();
      title.sendKeys("My better title");
      assertThat(api.put("/api/records/" + id, "{\"metadata\": {\"title\": \"Their title\"}, "
          + "\"access\": {\"record\": \"public\"}}", "Authorization", "Bearer " + alice.token(), "If-Match", "W/\"1\"")
          .statusCode()).isEqualTo(200);
      driver.findElement(By.cssSelector("button[value=save]")).click();
      waiting(driver, 20).until(ExpectedConditions.presenceOfElementLocated(By.id("conflict")));
      assertThat(driver.findElement(By.id("conflict")).getText()).contains("Someone else saved this record")
          .contains("Their title");
      assertThat(driver.findElement(By.id("title")).getAttribute("value")).isEqualTo("My better title");
      BrowserChecks.check(driver, "edit-conflict");
      driver.findElement(By.cssSelector("button[value=save]")).click();
      waiting(driver, 20).until(d -> d.getCurrentUrl().equals(recordUrl));
      assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("My better title");
      assertThat(api.get("/api/records/" + id).statusCode()).isEqualTo(200);
      BrowserNavigation.follow(driver, By.xpath("//button[normalize-space()='Make restricted']"));
      assertThat(driver.findElement(By.cssSelector("p.meta .badge")).getText()).startsWith("Restricted");
      assertThat(driver.findElements(By.xpath("//button[normalize-space()='Make public']"))).hasSize(1);
      assertThat(api.get("/api/records/" + id).statusCode()).as("anonymous, once restricted").isEqualTo(404);
      assertThat(ApiClient.json(api.get("/api/records/" + id, bearer(alice.token()))).path("access").path("record")
          .asString()).isEqualTo("restricted");
      BrowserChecks.check(driver, "record-restricted");

      driver.findElement(By.cssSelector("button[aria-label='Delete notes.txt']")).click();
      acceptConfirmation(driver);
      waiting(driver, 20).until(d -> !d.findElement(By.cssSelector("table.files")).getText().contains("notes.txt"));
      BrowserChecks.check(driver, "record-file-deleted");

      driver.findElement(By.cssSelector("button.danger[type=submit]:not([aria-label])")).click();
      acceptConfirmation(driver);
      waiting(driver, 20).until(d -> d.findElement(By.tagName("h1")).getText().contains("deleted"));
      BrowserChecks.check(driver, "record-deleted-tombstone");
      assertThat(api.get("/api/records/" + id, bearer(alice.token())).statusCode()).isEqualTo(410);
    }
  }

  @Test
  void accountPagesAndATokenCreatedAndRevoked() {
    TestUsers.User bob = users.user();
    try (WebDrivers.Browser browser = browser()) {
      WebDriver driver = browser.driver();
      logIn(driver, bob.email());
      driver.findElement(By.cssSelector("a.who")).click();
      BrowserChecks.check(driver, "profile");
      driver.findElement(By.linkText("Security")).click();
      BrowserChecks.check(driver, "security");
      BrowserNavigation.follow(driver, By.linkText("manage your passkeys"));
      BrowserChecks.check(driver, "passkeys");
      driver.findElement(By.linkText("Tokens")).click();
      BrowserChecks.check(driver, "tokens");

      driver.findElement(By.id("name")).sendKeys("nightly backup");
      driver.findElement(By.cssSelector("form.token button[type=submit]")).click();
      String token = driver.findElement(By.id("new-token")).getAttribute("value");
      assertThat(token).startsWith("sr_");
      BrowserChecks.check(driver, "token-created");
      assertThat(api.get("/api/me", bearer(token)).statusCode()).isEqualTo(200);

      driver.findElement(By.cssSelector("button[aria-label='Revoke nightly backup']")).click();
      acceptConfirmation(driver);
      waiting(driver, 20).until(d -> d.findElement(By.cssSelector("table.tokens")).getText().contains("revoked"));
      BrowserChecks.check(driver, "token-revoked");
      assertThat(api.get("/api/me", bearer(token)).statusCode()).isEqualTo(401);
    }
  }

  @Test
  void administrationInSudoMode() {
    TestUsers.User frank = users.user();
    String franksTokenName = "nightly sync " + frank.id();
    String franksToken = tokens.create(frank.email(), franksTokenName, java.util.Set.of(Scope.RECORDS_READ),
        AccessTokens.DEFAULT_LIFETIME, java.util.List.of()).token();
    assertThat(api.get("/api/me", bearer(franksToken)).statusCode()).isEqualTo(200);
    try (WebDrivers.Browser browser = browser()) {
      WebDriver driver = browser.driver();
      logIn(driver, users.superuser().email());
      driver.findElement(By.linkText("Administration")).click();
      waiting(driver, 20).until(d -> d.getCurrentUrl().contains("/account/sudo"));
      BrowserChecks.check(driver, "admin-sudo");
      driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
      driver.findElement(By.cssSelector("main form button[type=submit]")).click();
      waiting(driver, 20).until(d -> d.getCurrentUrl().endsWith("/admin"));
      BrowserChecks.check(driver, "admin-home");

      driver.findElement(By.linkText("Users")).click();
      driver.findElement(By.id("user-search")).sendKeys(frank.email());
      driver.findElement(By.cssSelector("form.search button")).click();
      BrowserChecks.check(driver, "admin-users");
      driver.findElement(By.cssSelector("button[aria-label='Require password change for " + frank.email() + "']")).click();
      acceptConfirmation(driver);
      waiting(driver, 20).until(d -> d.findElement(By.cssSelector("tr[data-email='" + frank.email() + "']"))
          .getText().contains("required"));
      driver.findElement(By.cssSelector("button[aria-label='Disable " + frank.email() + "']")).click();
      acceptConfirmation(driver);
      waiting(driver, 20).until(d -> d.findElement(By.cssSelector("button[aria-label='Enable " + frank.email() + "']"))
          .isDisplayed());

      driver.findElement(By.linkText("Administration")).click();
      driver.findElement(By.linkText("Rate limits")).click();
      driver.findElement(By.id("override-email")).sendKeys(frank.email());
      driver.findElement(By.id("override-limits")).sendKeys("500/1m");
      driver.findElement(By.cssSelector("form.token button[type=submit]")).click();
      waiting(driver, 20).until(d -> !d.findElements(By.cssSelector("table.overrides, main p.error")).isEmpty());
      assertThat(driver.findElements(By.cssSelector("main p.error"))).extracting(WebElement::getText).isEmpty();
      assertThat(driver.findElement(By.cssSelector("table.overrides")).getText()).contains(frank.email()).contains("500/1m");
      BrowserChecks.check(driver, "admin-rate-limits");

      driver.findElement(By.linkText("Administration")).click();
      driver.findElement(By.linkText("All personal access tokens")).click();
      BrowserChecks.check(driver, "admin-tokens");
      By franksRow = By.xpath("//table[contains(@class,'tokens')]//tr[td[text()='" + franksTokenName + "']]");
      assertThat(driver.findElement(franksRow).getText()).contains(frank.email()).contains("active");
      BrowserNavigation.followConfirming(driver, By.cssSelector("button[aria-label='Revoke " + franksTokenName + "']"));
      assertThat(driver.findElement(franksRow).getText()).contains("revoked");
      assertThat(driver.findElements(By.cssSelector("button[aria-label='Revoke " + franksTokenName + "']"))).isEmpty();
      assertThat(api.get("/api/me", bearer(franksToken)).statusCode()).isEqualTo(401);
      assertThat(jdbc.sql("select revoked is not null from tokens where name = :name")
          .param("name", franksTokenName).query(Boolean.class).single()).isTrue();

      driver.findElement(By.linkText("Administration")).click();
      driver.findElement(By.linkText("Audit log")).click();
      driver.findElement(By.id("audit-what")).sendKeys("user.");
      driver.findElement(By.cssSelector("form.search button")).click();
      try {
        waiting(driver, 20).until(d -> !d.findElements(By.id("chain-status")).isEmpty());
      } catch (org.openqa.selenium.TimeoutException e) {
        throw new AssertionError("no chain status at " + driver.getCurrentUrl() + ": "
            + driver.findElement(By.tagName("main")).getText(), e);
      }
      assertThat(driver.findElement(By.id("chain-status")).getText()).contains("Chain verified");
      assertThat(driver.findElement(By.cssSelector("table.audit")).getText()).contains("user.disable")
          .contains("user.password.reset_required");
      BrowserChecks.check(driver, "admin-audit");

      // An entry edited in the database: the page says the chain is broken, and where.
      String outcome = jdbc.sql("select outcome from audit_log where id = 2").query(String.class).single();
      try {
        jdbc.sql("update audit_log set outcome = 'edited' where id = 2").update();
        driver.navigate().refresh();
        WebElement broken = driver.findElement(By.id("chain-status"));
        assertThat(broken.getText()).contains("The chain is broken at entry 2")
            .contains("entry 2 does not match its hash");
        assertThat(broken.getAttribute("role")).isEqualTo("alert");
        BrowserChecks.check(driver, "admin-audit-chain-broken");
      } finally {
        jdbc.sql("update audit_log set outcome = :outcome where id = 2").param("outcome", outcome).update();
      }
      driver.navigate().refresh();
      assertThat(driver.findElement(By.id("chain-status")).getText()).contains("Chain verified");
    }
  }

  /**
   * A public record as an anonymous visitor sees it (metadata and files, no owner action), and
   * a user whom an administrator asked for a new password: every page leads back to the
   * security page, which says why.
   */
  @Test
  void anAnonymousRecordPageAndAPasswordChangeRequired() {
    TestUsers.User owner = users.user();
    String id = ApiClient.json(api.post("/api/records/", """
        {"metadata": {"title": "Open notebook", "description": "Read *freely*.", "keywords": ["open"],
         "contributors": [{"name": "Hopper, Grace", "affiliation": "Navy"}]}, "access": {"record": "public"}}""",
        bearer(owner.token()))).path("id").asString();
    assertThat(api.put("/api/records/" + id + "/files/readme.txt", "read me",
        bearer(owner.token())).statusCode()).isEqualTo(201);
    TestUsers.User asked = users.user();
    jdbc.sql("update users set password_reset_required = true where id = :id").param("id", asked.id()).update();
    try (WebDrivers.Browser browser = browser()) {
      WebDriver driver = browser.driver();
      driver.get(api.baseUrl() + "/records/" + id);
      assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Open notebook");
      assertThat(driver.findElement(By.cssSelector("table.files")).getText()).contains("readme.txt");
      assertThat(driver.findElements(By.cssSelector("div.actions, section.upload"))).isEmpty();
      BrowserChecks.check(driver, "record-anonymous");

      logIn(driver, asked.email());
      driver.get(api.baseUrl() + "/records/");
      waiting(driver, 20).until(d -> d.getCurrentUrl().contains("/account/security?reset"));
      assertThat(driver.findElement(By.cssSelector("main p.error")).getText())
          .contains("An administrator asks you to choose a new password");
      BrowserChecks.check(driver, "security-password-change-required");
    }
  }

  @Test
  void errorPagesUseTheLayout() {
    try (WebDrivers.Browser browser = browser()) {
      WebDriver driver = browser.driver();
      // Each source of an error page: the template (an unknown page, /error asked for, Spring
      // Security's firewall) and Tomcat's refusal before the application (ContainerErrorValve's
      // copy of the layout, the one page without the site's script).
      for (String[] page : new String[][] {{"/no/such/page", "404", "error-404", "template"},
          {"/error", "404", "error-404-error-path", "template"}, {"/records;x=1/", "400", "error-400-firewall", "template"},
          {"/records/..%2fx", "400", "error-400", "container"}}) {
        driver.get(api.baseUrl() + page[0]);
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains(page[1]);
        assertThat(driver.findElements(By.cssSelector("header.site nav a"))).isNotEmpty();
        assertThat(driver.findElements(By.cssSelector("script[src$='/js/strongroom.js']"))).as(page[0])
            .hasSize(page[3].equals("template") ? 1 : 0);
        BrowserChecks.check(driver, page[2]);
      }
      logIn(driver, users.user().email());
      for (String[] page : new String[][] {{"/admin/audit", "403"}, {"/no/such/page", "404"}}) {
        driver.get(api.baseUrl() + page[0]);
        assertThat(driver.findElement(By.tagName("h1")).getText()).contains(page[1]);
        assertThat(driver.findElement(By.cssSelector("a.who")).isDisplayed()).isTrue();
        BrowserChecks.check(driver, "error-" + page[1] + "-signed-in");
      }
      BrowserNavigation.follow(driver, By.linkText("Log out"));
      BrowserChecks.check(driver, "logout");
    }
  }

  /**
   * WCAG 2.2 AA beyond what axe-core sees: the first Tab reaches the skip link, which then
   * shows, and every control the keyboard reaches on the deposit form shows where the focus is.
   */
  @Test
  void theKeyboardReachesEveryControlWithAVisibleFocus() {
    try (WebDrivers.Browser browser = browser()) {
      WebDriver driver = browser.driver();
      logIn(driver, users.user().email());
      driver.get(api.baseUrl() + "/records/new");
      org.openqa.selenium.interactions.Actions keyboard = new org.openqa.selenium.interactions.Actions(driver);
      keyboard.sendKeys(org.openqa.selenium.Keys.TAB).perform();
      WebElement skip = driver.switchTo().activeElement();
      assertThat(skip.getText()).isEqualTo("Skip to content");
      assertThat(skip.getRect().getX()).isGreaterThanOrEqualTo(0);
      BrowserChecks.assertFocusVisible(driver, skip);
      keyboard.sendKeys(org.openqa.selenium.Keys.ENTER).perform();
      assertThat(driver.switchTo().activeElement().getAttribute("id")).isEqualTo("main");

      java.util.List<String> reached = new java.util.ArrayList<>();
      for (int i = 0; i < 60; i++) {
        keyboard.sendKeys(org.openqa.selenium.Keys.TAB).perform();
        WebElement focused = driver.switchTo().activeElement();
        if (focused.getTagName().equals("body") || reached.contains(BrowserChecks.describe(focused))) {
          break;
        }
        reached.add(BrowserChecks.describe(focused));
        BrowserChecks.assertFocusVisible(driver, focused);
      }
      assertThat(reached).contains("input#title", "textarea#description", "input#contributor-0-orcid",
          "select#resource_type", "input#access-public", "button:Deposit record");
    }
  }

  @Test
  void theRateLimitPageUsesTheLayoutAndIsAccessible() {
    TestUsers.User dora = users.user();
    String admin = users.token(users.superuser().email(), java.util.EnumSet.allOf(org.strongroom.core.Scope.class));
    assertThat(api.put("/api/admin/rate-limits/" + dora.id(), "{\"authenticated\": \"5/1m\"}", bearer(admin))
        .statusCode()).isEqualTo(200);
    try (WebDrivers.Browser browser = browser()) {
      WebDriver driver = browser.driver();
      logIn(driver, dora.email());
      for (int i = 0; i < 10 && !driver.findElement(By.tagName("h1")).getText().startsWith("Slow down"); i++) {
        BrowserNavigation.follow(driver, By.linkText("Records"));
      }
      assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Slow down a little");
      assertThat(driver.findElement(By.cssSelector("main")).getText()).contains("Retry-After");
      assertThat(driver.findElements(By.cssSelector("header.site nav a"))).isNotEmpty();
      BrowserChecks.check(driver, "error-429");
    }
  }

  private static int freePort() {
    try (ServerSocket socket = new ServerSocket(0)) {
      return socket.getLocalPort();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }
}
