package org.strongroom.files;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.files.FilesTestSupport.auth;
import static org.strongroom.files.FilesTestSupport.put;
import static org.strongroom.files.FilesTestSupport.record;
import static org.strongroom.support.ApiClient.json;
import static org.strongroom.support.BrowserNavigation.follow;
import static org.strongroom.support.BrowserNavigation.waiting;

import java.io.IOException;
import java.io.OutputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Duration;
import java.util.Arrays;

import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.WebElement;
import org.openqa.selenium.chromium.ChromiumDriver;
import org.openqa.selenium.chromium.ChromiumNetworkConditions;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.BrowserChecks;
import org.strongroom.support.BrowserNavigation;
import org.strongroom.support.Eventually;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.RequiresChromium;
import org.strongroom.support.TestUsers;
import org.strongroom.support.WebDrivers;

/**
 * The record page's file actions that the main browser walk-through leaves out, in Chromium:
 * an upload cancelled half-way stores nothing; Replace, and an upload under a name already
 * listed, change the file only after the owner has confirmed; an upload beyond the quota, and
 * a file larger than the whole quota, show the 507 in words, next to the quota the page states. Every page passes {@link BrowserChecks}.
 */
@RequiresChromium
@IntegrationTest
@TestPropertySource(properties = {
    "strongroom.storage.local.path=target/test-files/file-pages-browser-${random.uuid}",
    "strongroom.files.quota-per-user=" + FilePagesBrowserIntegrationTests.QUOTA + "B"})
class FilePagesBrowserIntegrationTests {

  static final int QUOTA = 3 * 1024 * 1024;
  static final Duration UPLOAD = Duration.ofSeconds(120);

  @Autowired ApiClient api;
  @Autowired TestUsers users;
  @Autowired UploadStaging staging;

  @Test
  void aCancelledUploadStoresNothing() throws IOException {
    TestUsers.User owner = users.user();
    String id = record(api, owner, "public");
    Path slow = filled("cancel", "slow.bin", 2 * 1024 * 1024 + 512 * 1024);
    try (WebDrivers.Browser browser = WebDrivers.chromium("--window-size=1280,1400")) {
      ChromiumDriver driver = browser.driver();
      openRecord(driver, owner, id);
      // Throttled, so that the upload is still running when Cancel is pressed.
      driver.setNetworkConditions(new ChromiumNetworkConditions().setUploadThroughput(64 * 1024)
          .setDownloadThroughput(10 * 1024 * 1024));
      driver.findElement(By.id("file-picker")).sendKeys(slow.toAbsolutePath().toString());
      waiting(driver, UPLOAD).until(d -> progress(d, "slow.bin") > 0);
      driver.findElement(By.cssSelector("button[aria-label='Cancel the upload of slow.bin']")).click();
      WebElement item = driver.findElement(By.cssSelector("li.upload-item[data-key='slow.bin']"));
      waiting(driver, UPLOAD).until(d -> "cancelled".equals(item.getAttribute("data-state")));
      driver.deleteNetworkConditions();
      assertThat(item.getText()).contains("Cancelled; nothing was stored.");
      assertThat(progress(driver, "slow.bin")).isLessThan(100);
      BrowserChecks.check(driver, "record-upload-cancelled");
    }
    assertThat(json(api.get("/api/records/" + id + "/files", auth(owner))).path("entries")).isEmpty();
    Eventually.until(Duration.ofSeconds(30), "the cancelled upload's staging file to be removed",
        () -> stagedFiles() == 0);
  }

  /**
   * A drop on the box uploads what was dropped. WebDriver cannot drag from the desktop, so the
   * page receives the drop event a browser would send, carrying a file made in the page.
   */
  @Test
  void aFileDroppedOnTheBoxIsUploaded() {
    TestUsers.User owner = users.user();
    String id = record(api, owner, "public");
    try (WebDrivers.Browser browser = WebDrivers.chromium("--window-size=1280,1400")) {
      ChromiumDriver driver = browser.driver();
      openRecord(driver, owner, id);
      driver.executeScript("""
          var zone = document.getElementById('dropzone');
          var files = new DataTransfer();
          files.items.add(new File(['dropped on the box'], 'dropped.txt', {type: 'text/plain'}));
          zone.dispatchEvent(new DragEvent('dragover', {dataTransfer: files, bubbles: true, cancelable: true}));
          zone.dispatchEvent(new DragEvent('drop', {dataTransfer: files, bubbles: true, cancelable: true}));
          """);
      waiting(driver, UPLOAD).until(d -> "done".equals(state(d, "dropped.txt")));
      BrowserChecks.check(driver, "record-file-dropped");
    }
    assertThat(api.get("/api/records/" + id + "/files/dropped.txt/content", auth(owner)).body())
        .isEqualTo("dropped on the box");
  }

  @Test
  void replacingAFileAsksFirst() throws IOException {
    TestUsers.User owner = users.user();
    String id = record(api, owner, "public");
    assertThat(put(api, "/api/records/" + id + "/files/data.txt", "first version".getBytes(StandardCharsets.UTF_8),
        auth(owner, "Content-Type", "text/plain")).statusCode()).isEqualTo(201);
    Path second = Files.writeString(Files.createDirectories(folder("replace").resolve("second")).resolve("data.txt"),
        "second version, longer");
    Path third = Files.writeString(Files.createDirectories(folder("replace").resolve("third")).resolve("data.txt"),
        "third version");
    try (WebDrivers.Browser browser = WebDrivers.chromium("--window-size=1280,1400")) {
      WebDriver driver = browser.driver();
      openRecord(driver, owner, id);

      driver.findElement(By.cssSelector("input.replace-file[data-key='data.txt']")).sendKeys(second.toString());
      BrowserNavigation.dismissConfirmation(driver);
      assertThat(driver.findElements(By.cssSelector("li.upload-item"))).isEmpty();
      assertThat(content(owner, id)).isEqualTo("first version");

      driver.findElement(By.cssSelector("input.replace-file[data-key='data.txt']")).sendKeys(second.toString());
      BrowserNavigation.acceptConfirmation(driver);
      waiting(driver, UPLOAD).until(d -> "done".equals(state(d, "data.txt")));
      assertThat(content(owner, id)).isEqualTo("second version, longer");
      BrowserChecks.check(driver, "record-file-replaced");
      follow(driver, By.linkText("Show the updated file list"));
      assertThat(driver.findElement(By.cssSelector("table.files tr[data-key='data.txt']")).getText())
          .contains("22 bytes");

      // The same name through the picker replaces too, so it asks as well.
      driver.findElement(By.id("file-picker")).sendKeys(third.toString());
      BrowserNavigation.dismissConfirmation(driver);
      assertThat(driver.findElements(By.cssSelector("li.upload-item"))).isEmpty();
      assertThat(content(owner, id)).isEqualTo("second version, longer");
      driver.findElement(By.id("file-picker")).sendKeys(third.toString());
      BrowserNavigation.acceptConfirmation(driver);
      waiting(driver, UPLOAD).until(d -> "done".equals(state(d, "data.txt")));
      assertThat(content(owner, id)).isEqualTo("third version");
      BrowserChecks.check(driver, "record-file-replaced-by-name");
    }
  }

  @Test
  void anUploadBeyondTheQuotaShowsThe507InWords() throws IOException {
    TestUsers.User owner = users.user();
    String id = record(api, owner, "public");
    byte[] twoMegabytes = new byte[2 * 1024 * 1024];
    assertThat(put(api, "/api/records/" + id + "/files/first.bin", twoMegabytes,
        auth(owner, "Content-Type", "application/octet-stream")).statusCode()).isEqualTo(201);
    Path second = filled("quota", "second.bin", 2 * 1024 * 1024);
    Path whole = filled("quota", "whole.bin", QUOTA + 1024 * 1024);
    try (WebDrivers.Browser browser = WebDrivers.chromium("--window-size=1280,1400")) {
      WebDriver driver = browser.driver();
      openRecord(driver, owner, id);
      assertThat(driver.findElement(By.id("quota")).getText()).startsWith("You have used 2.0 MiB")
          .contains("of your 3.0 MiB");
      BrowserChecks.check(driver, "record-quota");

      driver.findElement(By.id("file-picker")).sendKeys(second.toString());
      waiting(driver, UPLOAD).until(d -> state(d, "second.bin") != null);
      WebElement item = driver.findElement(By.cssSelector("li.upload-item[data-key='second.bin']"));
      assertThat(item.getAttribute("data-state")).isEqualTo("failed");
      assertThat(item.getAttribute("data-status")).isEqualTo("507");
      assertThat(item.getText()).contains("Not enough storage left").contains("quota");
      assertThat(driver.findElements(By.id("uploads-done"))).isEmpty();
      BrowserChecks.check(driver, "record-upload-over-quota");

      // A file larger than the whole quota: the same 507, in words.
      driver.findElement(By.id("file-picker")).sendKeys(whole.toString());
      waiting(driver, UPLOAD).until(d -> state(d, "whole.bin") != null);
      WebElement tooBig = driver.findElement(By.cssSelector("li.upload-item[data-key='whole.bin']"));
      assertThat(tooBig.getAttribute("data-state")).isEqualTo("failed");
      assertThat(tooBig.getAttribute("data-status")).isEqualTo("507");
      assertThat(tooBig.getText()).contains("Not enough storage left").contains("larger than your whole storage quota");
      BrowserChecks.check(driver, "record-upload-larger-than-the-quota");
    }
    assertThat(json(api.get("/api/records/" + id + "/files", auth(owner))).path("entries")).hasSize(1);
  }

  private void openRecord(WebDriver driver, TestUsers.User owner, String id) {
    driver.get(api.baseUrl() + "/login");
    driver.findElement(By.id("username")).sendKeys(owner.email());
    driver.findElement(By.id("password")).sendKeys(TestUsers.PASSWORD);
    follow(driver, By.cssSelector("form.login button[type=submit]"));
    driver.get(api.baseUrl() + "/records/" + id);
    assertThat(driver.findElement(By.tagName("h1")).getText()).isEqualTo("Files test");
  }

  private String content(TestUsers.User owner, String id) {
    return api.get("/api/records/" + id + "/files/data.txt/content", auth(owner)).body();
  }

  private static String state(WebDriver driver, String key) {
    return driver.findElements(By.cssSelector("li.upload-item[data-key='" + key + "']")).stream()
        .map(item -> item.getAttribute("data-state")).filter(state -> state != null).findFirst().orElse(null);
  }

  private static int progress(WebDriver driver, String key) {
    return driver.findElements(By.cssSelector("li.upload-item[data-key='" + key + "']")).stream()
        .map(item -> item.getAttribute("data-progress")).filter(value -> value != null)
        .mapToInt(Integer::parseInt).findFirst().orElse(0);
  }

  private long stagedFiles() {
    try {
      return staging.count();
    } catch (IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static Path folder(String name) throws IOException {
    return Files.createDirectories(Path.of("target/browser-uploads", name)).toAbsolutePath();
  }

  private static Path filled(String folder, String name, int bytes) throws IOException {
    Path file = folder(folder).resolve(name);
    byte[] block = new byte[64 * 1024];
    Arrays.fill(block, (byte) 'x');
    try (OutputStream out = Files.newOutputStream(file)) {
      for (int written = 0; written < bytes; written += block.length) {
        out.write(block, 0, Math.min(block.length, bytes - written));
      }
    }
    return file;
  }
}
