package org.strongroom.security;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.io.IOException;
import java.io.OutputStream;
import java.net.InetSocketAddress;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.charset.StandardCharsets;
import java.time.Duration;

import com.sun.net.httpserver.HttpServer;
import org.junit.jupiter.api.AfterAll;
import org.junit.jupiter.api.BeforeAll;
import org.junit.jupiter.api.Test;
import org.openqa.selenium.By;
import org.openqa.selenium.Cookie;
import org.openqa.selenium.JavascriptExecutor;
import org.openqa.selenium.WebDriver;
import org.openqa.selenium.support.ui.WebDriverWait;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.ApiClient;
import org.strongroom.support.BrowserLogin;
import org.strongroom.support.FreePorts;
import org.strongroom.support.IntegrationTest;
import org.strongroom.support.RequiresChromium;
import org.strongroom.support.TestUsers;
import org.strongroom.support.WebDrivers;

/**
 * Controls that only a browser enforces, checked in a real Chromium: the session cookie is out
 * of reach of scripts, another origin cannot frame the pages, content on the files origin
 * cannot read the application's cookies or data, and hostile Markdown on a record page runs
 * nothing.
 */
@RequiresChromium
@IntegrationTest
@TestPropertySource(properties = {"strongroom.rate-limits.enabled=false",
    "strongroom.storage.local.path=target/test-files/browser-controls-${random.uuid}"})
class BrowserControlsIntegrationTests {

  static final String FILES_HOST = "files.strongroom.test";
  static final int PORT = FreePorts.any();
  static HttpServer otherOrigin;

  @DynamicPropertySource
  static void filesOriginOnAKnownPort(DynamicPropertyRegistry registry) {
    registry.add("server.port", () -> PORT);
    registry.add("strongroom.files.origin", () -> "https://" + FILES_HOST + ":" + PORT);
  }

  @Autowired
  ApiClient api;

  @Autowired
  TestUsers users;

  /** A site of another origin (plain HTTP on another port) that tries to frame the application. */
  @BeforeAll
  static void startOtherOrigin() throws IOException {
    otherOrigin = HttpServer.create(new InetSocketAddress("127.0.0.1", 0), 0);
    otherOrigin.createContext("/", exchange -> {
      String page = exchange.getRequestURI().getPath().equals("/own")
          ? "<p id=own>a page of the other origin</p>"
          : "<iframe id=app src=\"" + exchange.getRequestURI().getQuery() + "\"></iframe>";
      byte[] body = ("<!doctype html><html><body>" + page + "</body></html>").getBytes(StandardCharsets.UTF_8);
      exchange.getResponseHeaders().set("Content-Type", "text/html; charset=utf-8");
      exchange.sendResponseHeaders(200, body.length);
      try (OutputStream out = exchange.getResponseBody()) {
        out.write(body);
      }
    });
    otherOrigin.start();
  }

  @AfterAll
  static void stopOtherOrigin() {
    otherOrigin.stop(0);
  }

  @Test
  void theSessionCookieIsInvisibleToScripts() {
    TestUsers.User alice = users.user();
    try (WebDrivers.Browser browser = WebDrivers.chromium()) {
      WebDriver driver = browser.driver();
      logIn(driver, alice);
      Cookie session = driver.manage().getCookieNamed("__Host-session");
      assertThat(session).isNotNull();
      assertThat(session.isHttpOnly()).isTrue();
      assertThat(session.isSecure()).isTrue();

      String visible = (String) js(driver).executeScript("return document.cookie");
      assertThat(visible).doesNotContain("__Host-session").doesNotContain(session.getValue());
      // The CSRF cookie is meant to be readable: it shows document.cookie was really read.
      assertThat(visible).contains("__Host-csrftoken=");
    }
  }

  @Test
  void anotherOriginCannotFrameThePages() {
    String other = "http://127.0.0.1:" + otherOrigin.getAddress().getPort();
    try (WebDrivers.Browser browser = WebDrivers.chromium()) {
      WebDriver driver = browser.driver();
      // The control: the other origin's frame shows a page of its own origin.
      driver.get(other + "/frame?" + other + "/own");
      driver.switchTo().frame("app");
      assertThat(driver.findElements(By.id("own"))).hasSize(1);
      driver.switchTo().defaultContent();

      for (String path : new String[] {"/login", "/records/"}) {
        driver.get(other + "/frame?" + api.baseUrl() + path);
        driver.switchTo().frame("app");
        String framed = driver.getPageSource();
        assertThat(framed).as(path).doesNotContain("data-strongroom").doesNotContain("name=\"csrf_token\"");
        assertThat(driver.findElements(By.id("q"))).as(path).isEmpty();
        driver.switchTo().defaultContent();
      }
    }
  }

  @Test
  void filesOnTheFilesOriginCannotReachTheApplication() {
    TestUsers.User alice = users.user();
    String id = createRecord(alice, "Attachments for the browser", "", "public");
    upload(alice, id, "evil.html", "text/html",
        "<html><body><script>window.pwned = 1; document.title = 'pwned'</script></body></html>");
    upload(alice, id, "evil.svg", "image/svg+xml",
        "<svg xmlns=\"http://www.w3.org/2000/svg\" onload=\"window.pwned = 1\"><script>window.pwned = 1</script></svg>");
    upload(alice, id, "notes.txt", "text/plain", "Plain notes, shown inline on the files origin.");

    try (WebDrivers.Browser browser = WebDrivers.chromium("--host-resolver-rules=MAP " + FILES_HOST + " 127.0.0.1")) {
      WebDriver driver = browser.driver();
      logIn(driver, alice);
      String appOrigin = api.baseUrl();

      for (String key : new String[] {"evil.html", "evil.svg"}) {
        driver.get(appOrigin + "/api/records/" + id + "/files/" + key + "/content");
        assertThat(driver.getTitle()).as(key).isNotEqualTo("pwned");
        assertThat(js(driver).executeScript("return window.pwned === undefined")).as(key).isEqualTo(true);
      }

      // A page of the files origin stands for anything an uploaded file could run there.
      driver.get(appOrigin + "/api/records/" + id + "/files/notes.txt/content");
      new WebDriverWait(driver, Duration.ofSeconds(20)).until(d -> d.getCurrentUrl().contains(FILES_HOST));
      assertThat(driver.getPageSource()).contains("Plain notes, shown inline on the files origin.");
      Object cookies = js(driver).executeScript(
          "try { return 'read:' + document.cookie } catch (e) { return 'refused:' + e.name }");
      assertThat(cookies.toString()).satisfiesAnyOf(
          c -> assertThat(c).isEqualTo("read:"), c -> assertThat(c).startsWith("refused:"));
      Object me = ((JavascriptExecutor) driver).executeAsyncScript(
          "const done = arguments[arguments.length - 1];"
              + "fetch(arguments[0] + '/api/me', {credentials: 'include'})"
              + ".then(r => r.text()).then(t => done('read:' + t), e => done('refused:' + e.name));",
          appOrigin);
      assertThat(me.toString()).startsWith("refused:").doesNotContain(alice.email());
      Object opened = js(driver).executeScript(
          "const w = window.open(arguments[0] + '/records/', '_blank');"
              + "try { return 'read:' + w.document.cookie } catch (e) { return 'refused:' + (e && e.name) }",
          appOrigin);
      assertThat(opened.toString()).startsWith("refused:");
    }
  }

  @Test
  void hostileMarkdownOnARecordPageRunsNothing() {
    TestUsers.User alice = users.user();
    String id = createRecord(alice, "<img src=x onerror=\"window.pwned=1\">",
        "<script>window.pwned = 1</script>\n\n<img src=x onerror=\"window.pwned = 1\">\n\n"
            + "<svg><script>window.pwned = 1</script></svg>\n\n<svg onload=\"window.pwned = 1\"></svg>\n\n"
            + "[click](javascript:window.pwned=1)\n\n<a href=\"javascript:window.pwned=1\" id=js>a</a>\n\n"
            + "<iframe srcdoc=\"<script>parent.pwned=1</script>\"></iframe>\n\n"
            + "<details open ontoggle=\"window.pwned = 1\"><summary>x</summary></details>\n\n"
            + "<style>@import 'https://evil.invalid/x.css';</style><form action=\"https://evil.invalid\"><button>go</button></form>",
        "public");
    try (WebDrivers.Browser browser = WebDrivers.chromium()) {
      WebDriver driver = browser.driver();
      driver.get(api.baseUrl() + "/records/" + id);
      // The page's own script ran (under its nonce): scripts were not simply off.
      new WebDriverWait(driver, Duration.ofSeconds(10)).until(d ->
          "loaded".equals(d.findElement(By.tagName("html")).getAttribute("data-strongroom-script")));
      for (var link : driver.findElements(By.cssSelector("a"))) {
        assertThat(String.valueOf(link.getAttribute("href"))).doesNotStartWith("javascript:");
      }
      assertThat(js(driver).executeScript("return window.pwned === undefined")).isEqualTo(true);
      assertThat(driver.findElements(By.cssSelector("iframe, svg, form[action^='https://evil'], details[ontoggle]")))
          .isEmpty();
    }
  }

  private void logIn(WebDriver driver, TestUsers.User user) {
    BrowserLogin.logIn(driver, api.baseUrl(), user.email());
  }

  private String createRecord(TestUsers.User owner, String title, String description, String access) {
    HttpResponse<String> response = api.post("/api/records/", "{\"metadata\": {\"title\": " + ApiClient.toJson(title)
        + ", \"description\": " + ApiClient.toJson(description) + "}, \"access\": {\"record\": \"" + access + "\"}}",
        bearer(owner.token()));
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
    return json(response).path("id").asString();
  }

  private void upload(TestUsers.User owner, String id, String key, String type, String content) {
    HttpResponse<String> response = api.send(api.request("/api/records/" + id + "/files/" + key)
        .header("Authorization", "Bearer " + owner.token()).header("Content-Type", type)
        .PUT(HttpRequest.BodyPublishers.ofString(content)).build());
    assertThat(response.statusCode()).as(response.body()).isEqualTo(201);
  }

  private static JavascriptExecutor js(WebDriver driver) {
    return (JavascriptExecutor) driver;
  }
}
