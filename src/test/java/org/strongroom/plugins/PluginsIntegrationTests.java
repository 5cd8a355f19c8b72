package org.strongroom.plugins;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpRequest;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Duration;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.openqa.selenium.By;
import org.openqa.selenium.WebDriver;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.strongroom.core.AuditEvent;
import org.strongroom.support.ApiClient;
import org.strongroom.support.BrowserChecks;
import org.strongroom.support.BrowserLogin;
import org.strongroom.support.Eventually;
import org.strongroom.support.PageSession;
import org.strongroom.support.RecordedAuditEvents;
import org.strongroom.support.RequiresChromium;
import org.strongroom.support.TestInstance;
import org.strongroom.support.TestInstanceExtension;
import org.strongroom.support.TestSupportConfiguration;
import org.strongroom.support.TestUsers;
import org.strongroom.support.WebDrivers;

/**
 * Honest plugin jars, built during the run, loaded by the real server: their pages pass
 * through the page security chain (a page without an access rule is denied), their metadata
 * validation refuses a write with 400 JSON, their listeners hear committed record and file
 * changes, and a listener that throws keeps the user's write and is logged and audited. Nothing installs a plugin over HTTP.
 */
@ExtendWith(TestInstanceExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "strongroom.instance=" + PluginsIntegrationTests.FOLDER,
    "strongroom.database.url=jdbc:h2:mem:${random.uuid};DB_CLOSE_DELAY=-1"})
@Import({TestSupportConfiguration.class, RecordedAuditEvents.class})
class PluginsIntegrationTests {

  static final String FOLDER = "target/test-instance-plugins";
  static final Path EVENTS = Path.of(FOLDER, "mirror-events.txt").toAbsolutePath();
  static final byte[] MIRROR = PluginJarBuilder.build("test.Mirror", PluginJarBuilder.source("Mirror", "mirror", """
      @Override public void onRecordEvent(RecordEvent event) {
        try {
          java.nio.file.Files.writeString(java.nio.file.Path.of("%1$s"), event.action() + " " + event.recordId() + "\\n",
              java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
      }
      @Override public void onFileEvent(FileEvent event) {
        try {
          java.nio.file.Files.writeString(java.nio.file.Path.of("%1$s"), event.action() + " " + event.recordId() + " "
              + event.details().get("key") + "\\n",
              java.nio.file.StandardOpenOption.CREATE, java.nio.file.StandardOpenOption.APPEND);
        } catch (java.io.IOException e) { throw new java.io.UncheckedIOException(e); }
      }
      @Override public List<String> validateMetadata(Map<String, Object> metadata) {
        return String.valueOf(metadata.get("title")).contains("FORBIDDEN")
            ? List.of("title must not say FORBIDDEN") : List.of();
      }
      @Override public List<PluginPage> pages() {
        return List.of(
            new PluginPage("", PluginPage.Access.ANYONE, viewer -> "<script>alert('mirror')</script> hello"),
            new PluginPage("staff", PluginPage.Access.USER, viewer -> "staff page for " + viewer.email()),
            new PluginPage("admin", PluginPage.Access.SUPERUSER, viewer -> "admin page"),
            new PluginPage("norule", null, viewer -> "should never be shown"));
      }
      """.formatted(EVENTS)), "2.0.1", true);
  static final byte[] BROKEN = PluginJarBuilder.build("test.Broken", PluginJarBuilder.source("Broken", "broken", """
      @Override public void onRecordEvent(RecordEvent event) { throw new IllegalStateException("listener down"); }
      @Override public void onFileEvent(FileEvent event) { throw new IllegalStateException("file listener down"); }
      """), "0.1", true);

  static {
    try {
      TestInstance.ensure();
      Path root = Files.createDirectories(Path.of(FOLDER));
      Files.createDirectories(root.resolve("tls"));
      Files.copy(TestInstance.LAYOUT.secretKey(), root.resolve("secret.key"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(TestInstance.LAYOUT.tlsCertificate(), root.resolve("tls/cert.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Files.copy(TestInstance.LAYOUT.tlsPrivateKey(), root.resolve("tls/key.pem"), java.nio.file.StandardCopyOption.REPLACE_EXISTING);
      Path plugins = Files.createDirectories(root.resolve("plugins"));
      Files.setPosixFilePermissions(plugins, PosixFilePermissions.fromString("rwxr-xr-x"));
      for (var jar : Map.of("mirror.jar", MIRROR, "broken.jar", BROKEN).entrySet()) {
        Path file = plugins.resolve(jar.getKey());
        Files.write(file, jar.getValue());
        Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
      }
      Files.deleteIfExists(EVENTS);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  @DynamicPropertySource
  static void pins(DynamicPropertyRegistry registry) {
    registry.add("strongroom.plugins.enabled", () -> "true");
    registry.add("strongroom.plugins.allow[mirror.jar]", () -> PluginJarBuilder.sha256(MIRROR));
    registry.add("strongroom.plugins.allow[broken.jar]", () -> PluginJarBuilder.sha256(BROKEN));
  }

  @Autowired
  ApiClient api;
  @Autowired
  TestUsers users;
  @Autowired
  RecordedAuditEvents audit;
  @Autowired
  Plugins plugins;

  @Test
  void bothPluginsAreLoadedAndTheirLoadingIsAudited() {
    assertThat(plugins.loaded()).extracting(LoadedPlugin::name, LoadedPlugin::version)
        .containsExactly(org.assertj.core.groups.Tuple.tuple("broken", "0.1"),
            org.assertj.core.groups.Tuple.tuple("mirror", "2.0.1"));
    assertThat(audit.all()).filteredOn(event -> event.action().equals("plugin.load"))
        .extracting(AuditEvent::target, event -> event.details().get("version"), event -> event.details().get("sha256"))
        .containsExactlyInAnyOrder(
            org.assertj.core.groups.Tuple.tuple("plugin:broken", "0.1", PluginJarBuilder.sha256(BROKEN)),
            org.assertj.core.groups.Tuple.tuple("plugin:mirror", "2.0.1", PluginJarBuilder.sha256(MIRROR)));
  }

  @Test
  void aListenerHearsTheCommittedWriteAndOneThatThrowsLosesNothing() throws Exception {
    TestUsers.User alice = users.user();

    HttpResponse<String> created = api.post("/api/records/",
        "{\"metadata\": {\"title\": \"Heard by plugins\"}, \"access\": {\"record\": \"public\"}}", bearer(alice.token()));

    assertThat(created.statusCode()).as(created.body()).isEqualTo(201);
    String id = json(created).path("id").asString();
    HttpResponse<String> kept = api.get("/api/records/" + id);
    assertThat(kept.statusCode()).isEqualTo(200);
    assertThat(json(kept).path("metadata").path("title").asString()).isEqualTo("Heard by plugins");
    awaitLine("record.create " + id);
    assertThat(audit.forUser(alice.id())).extracting(AuditEvent::action, AuditEvent::outcome)
        .contains(org.assertj.core.groups.Tuple.tuple("record.create", "success"));
    assertThat(audit.all()).anySatisfy(event -> {
      assertThat(event.action()).isEqualTo("plugin.listener.failure");
      assertThat(event.target()).isEqualTo("plugin:broken");
      assertThat(event.details()).containsEntry("event", "record.create").containsEntry("target", "record:" + id)
          .containsEntry("reason", "java.lang.IllegalStateException: listener down");
    });
    awaitLog("Plugin broken failed on record.create of record:" + id
        + "; the change itself is kept: java.lang.IllegalStateException: listener down");
  }

  @Test
  void fileListenersHearAnUploadAndOneThatThrowsLosesNothing() throws Exception {
    TestUsers.User alice = users.user();
    HttpResponse<String> created = api.post("/api/records/",
        "{\"metadata\": {\"title\": \"With a file\"}, \"access\": {\"record\": \"public\"}}", bearer(alice.token()));
    String id = json(created).path("id").asString();

    HttpResponse<String> uploaded = api.send(ApiClient.withHeaders(api.request("/api/records/" + id + "/files/data.csv")
        .header("Content-Type", "text/csv").PUT(HttpRequest.BodyPublishers.ofString("a,b\n1,2\n")),
        bearer(alice.token())).build());

    assertThat(uploaded.statusCode()).as(uploaded.body()).isEqualTo(201);
    awaitLine("file.upload " + id + " data.csv");
    HttpResponse<String> content = api.get("/api/records/" + id + "/files/data.csv/content", bearer(alice.token()));
    assertThat(content.statusCode()).isEqualTo(200);
    assertThat(content.body()).isEqualTo("a,b\n1,2\n");
    assertThat(audit.all()).anySatisfy(event -> {
      assertThat(event.action()).isEqualTo("plugin.listener.failure");
      assertThat(event.details()).containsEntry("event", "file.upload").containsEntry("target", "record:" + id)
          .containsEntry("reason", "java.lang.IllegalStateException: file listener down");
    });
    awaitLog("Plugin broken failed on file.upload of record:" + id
        + "; the change itself is kept: java.lang.IllegalStateException: file listener down");
  }

  @Test
  void pluginValidationRefusesTheWriteWithJsonAndWritesNothing() {
    TestUsers.User alice = users.user();

    HttpResponse<String> refused = api.post("/api/records/",
        "{\"metadata\": {\"title\": \"FORBIDDEN words\"}, \"access\": {\"record\": \"public\"}}", bearer(alice.token()));

    assertThat(refused.statusCode()).isEqualTo(400);
    assertThat(json(refused).path("message").asString()).isEqualTo("A validation error occurred.");
    assertThat(refused.body()).contains("title must not say FORBIDDEN (plugin mirror)");
    assertThat(audit.forUser(alice.id())).extracting(AuditEvent::action).doesNotContain("record.create");
  }

  @Test
  void aPublicPluginPageIsShownEscapedWithTheServersHeaders() {
    HttpResponse<String> page = api.get("/plugins/mirror/");

    assertThat(page.statusCode()).isEqualTo(200);
    assertThat(page.body()).contains("&lt;script&gt;alert(&#39;mirror&#39;)&lt;/script&gt; hello")
        .doesNotContain("<script>alert(");
    assertThat(page.headers().firstValue("Content-Security-Policy")).isPresent();
  }

  /** In Chromium: the public page anonymously and a user's page signed in, each passing {@link BrowserChecks}. */
  @Test
  @RequiresChromium
  void pluginPagesPassTheBrowserChecks() {
    TestUsers.User alice = users.user();
    try (WebDrivers.Browser browser = WebDrivers.chromium("--window-size=1280,1000")) {
      WebDriver driver = browser.driver();
      driver.get(api.baseUrl() + "/plugins/mirror/");
      assertThat(driver.findElement(By.cssSelector("pre.plugin-text")).getText())
          .isEqualTo("<script>alert('mirror')</script> hello");
      BrowserChecks.check(driver, "plugin-page");
      BrowserLogin.logIn(driver, api.baseUrl(), alice.email());
      driver.get(api.baseUrl() + "/plugins/mirror/staff");
      assertThat(driver.findElement(By.cssSelector("pre.plugin-text")).getText())
          .isEqualTo("staff page for " + alice.email());
      BrowserChecks.check(driver, "plugin-page-signed-in");
    }
  }

  @Test
  void pagesFollowTheirAccessRulesAndAPageWithoutOneIsDenied() {
    TestUsers.User alice = users.user();
    PageSession session = PageSession.loggedIn(api, alice.email(), TestUsers.PASSWORD);

    assertThat(api.get("/plugins/mirror/staff").statusCode()).as("anonymous → login").isEqualTo(302);
    HttpResponse<String> staff = session.get("/plugins/mirror/staff");
    assertThat(staff.statusCode()).isEqualTo(200);
    assertThat(staff.body()).contains("staff page for " + alice.email());
    assertThat(session.get("/plugins/mirror/admin").statusCode()).as("superuser page, ordinary user").isEqualTo(403);
    HttpResponse<String> noRule = session.get("/plugins/mirror/norule");
    assertThat(noRule.statusCode()).isEqualTo(403);
    assertThat(noRule.body()).doesNotContain("should never be shown");
    assertThat(session.get("/plugins/mirror/nothing-here").statusCode()).isEqualTo(403);
    assertThat(session.get("/plugins/nobody/").statusCode()).isEqualTo(403);
  }

  @Test
  void nothingInstallsAPluginOverHttp() {
    TestUsers.User admin = users.superuser();
    for (String path : List.of("/plugins/", "/plugins/mirror/", "/api/plugins", "/api/admin/plugins",
        "/admin/plugins")) {
      assertThat(api.post(path, "{}", bearer(admin.token())).statusCode()).as(path).isIn(401, 403, 404);
      assertThat(api.put(path, "{}", bearer(admin.token())).statusCode()).as(path).isIn(401, 403, 404);
    }
    assertThat(plugins.loaded()).hasSize(2);
  }

  /** The instance's own log (logs/strongroom.log), where an operator reads it. */
  private static void awaitLog(String text) {
    Path log = Path.of(FOLDER, "logs", "strongroom.log");
    Eventually.until(Duration.ofSeconds(10), "the log to say " + text, () -> {
      try {
        return Files.exists(log) && Files.readString(log).contains(text);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }

  private static void awaitLine(String line) {
    Eventually.until(Duration.ofSeconds(10), "the plugin to hear " + line, () -> {
      try {
        return Files.exists(EVENTS) && Files.readAllLines(EVENTS).contains(line);
      } catch (IOException e) {
        throw new UncheckedIOException(e);
      }
    });
  }
}
