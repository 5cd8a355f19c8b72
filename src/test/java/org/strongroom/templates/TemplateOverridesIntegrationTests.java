package org.strongroom.templates;

import static org.assertj.core.api.Assertions.assertThat;
import static org.strongroom.support.ApiClient.bearer;
import static org.strongroom.support.ApiClient.json;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.net.http.HttpResponse;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.ExtendWith;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.context.annotation.Import;
import org.strongroom.instance.Finding;
import org.strongroom.support.ApiClient;
import org.strongroom.support.TestInstance;
import org.strongroom.support.TestInstanceExtension;
import org.strongroom.support.TestSupportConfiguration;
import org.strongroom.support.TestUsers;
import tools.jackson.databind.json.JsonMapper;

/**
 * A safe override is served in place of the shipped page; record metadata carrying the
 * InvenTree SSTI payloads (CVE-2026-27629, CVE-2026-35477) rewritten for Thymeleaf/SpEL is
 * shown as text, never evaluated: record content never becomes template source.
 */
@ExtendWith(TestInstanceExtension.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "strongroom.instance=" + TemplateOverridesIntegrationTests.FOLDER,
    "strongroom.database.url=jdbc:h2:mem:${random.uuid};DB_CLOSE_DELAY=-1"})
@Import(TestSupportConfiguration.class)
class TemplateOverridesIntegrationTests {

  static final String FOLDER = "target/test-instance-templates";
  static final Path MARKER = Path.of(FOLDER, "ssti-ran").toAbsolutePath();

  static {
    try {
      TestInstance.ensure();
      Path root = Files.createDirectories(Path.of(FOLDER, "tls"));
      Files.copy(TestInstance.LAYOUT.secretKey(), Path.of(FOLDER, "secret.key"), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(TestInstance.LAYOUT.tlsCertificate(), root.resolve("cert.pem"), StandardCopyOption.REPLACE_EXISTING);
      Files.copy(TestInstance.LAYOUT.tlsPrivateKey(), root.resolve("key.pem"), StandardCopyOption.REPLACE_EXISTING);
      Path records = Files.createDirectories(Path.of(FOLDER, "templates", "records"));
      Files.writeString(records.resolve("home.html"), """
          <!DOCTYPE html>
          <html lang="en" xmlns:th="http://www.thymeleaf.org"
                th:replace="~{fragments/layout :: page(title='Home', content=~{::main})}">
          <body>
          <main>
            <h1>Our institute's repository</h1>
            <p th:text="'Served from instance/templates'">x</p>
          </main>
          </body>
          </html>
          """);
      Files.deleteIfExists(MARKER);
    } catch (IOException e) {
      throw new UncheckedIOException(e);
    }
  }

  static final String[] PAYLOADS = {
      "${T(java.lang.Runtime).getRuntime().exec('touch " + MARKER + "')}",
      "[[${T(java.lang.Runtime).getRuntime().exec('touch " + MARKER + "')}]]",
      "[(${new java.lang.ProcessBuilder('touch','" + MARKER + "').start()})]",
      "__${T(java.lang.Runtime).getRuntime().exec('touch " + MARKER + "')}__::x",
      "*{7*7} #{7*7} ${7*7} ~{::main}",
      "{{ ''.__class__.__mro__[1].__subclasses__() }}"};

  @Autowired
  ApiClient api;
  @Autowired
  TemplatesProperties properties;
  @Autowired
  org.strongroom.instance.InstanceProperties instance;
  @Autowired
  TestUsers users;

  @Test
  void aSafeOverrideIsServedInsteadOfTheShippedPageAsItWasChecked() throws IOException {
    Path file = Path.of(FOLDER, "templates", "records", "home.html");
    // Swapped after the start-up check: never read until the next start checks it.
    Files.writeString(file, Files.readString(file).replace("<h1>", "<h1 th:utext=\"'CHANGED AFTER START'\">"));

    HttpResponse<String> home = api.get("/");

    assertThat(home.statusCode()).isEqualTo(200);
    assertThat(home.body()).contains("Our institute's repository").contains("Served from instance/templates")
        .doesNotContain("Search the records kept in this repository.").doesNotContain("CHANGED AFTER START");
  }

  @Test
  void aBrokenOverrideWrittenWhileServingIsReportedAndTheServerKeepsServing() throws IOException {
    Path broken = Path.of(FOLDER, "templates", "records", "list.html");
    Files.writeString(broken, "<!DOCTYPE html>\n<html xmlns:th=\"http://www.thymeleaf.org\">\n<body>\n"
        + "<p th:text=\"${total(}\">x</p>\n</body>\n</html>\n");
    try {
      // What instance check --deploy runs, against the folder this server serves.
      List<String> findings = new TemplatesDeployCheck(new TemplateOverrides(properties, instance)).check(true)
          .stream().map(Finding::line).toList();

      assertThat(findings).anySatisfy(line -> assertThat(line).startsWith("SR-W110 ERROR template override ")
          .contains("records/list.html line 4: th:text: ${total(} is not an expression SpEL can parse"));
      assertThat(api.get("/records").statusCode()).isEqualTo(200);
      assertThat(api.get("/").statusCode()).isEqualTo(200);
    } finally {
      Files.delete(broken);
    }
  }

  @Test
  void sstiPayloadsInRecordMetadataAreShownAsTextNeverRun() throws Exception {
    TestUsers.User alice = users.user();
    for (String payload : PAYLOADS) {
      String body = JsonMapper.shared().writeValueAsString(java.util.Map.of(
          "metadata", java.util.Map.of("title", payload, "description", payload,
              "keywords", java.util.List.of(payload), "contributors", java.util.List.of(java.util.Map.of("name", payload))),
          "access", java.util.Map.of("record", "public")));
      HttpResponse<String> created = api.post("/api/records/", body, bearer(alice.token()));
      assertThat(created.statusCode()).as(created.body()).isEqualTo(201);

      HttpResponse<String> page = api.get("/records/" + json(created).path("id").asString());

      assertThat(page.statusCode()).isEqualTo(200);
      assertThat(page.body()).as(payload).contains(escaped(payload)).doesNotContain("49 ");
      assertThat(page.body()).doesNotContain("java.lang.ProcessImpl").doesNotContain("java.lang.UNIXProcess");
    }
    assertThat(MARKER).doesNotExist();
  }

  private static String escaped(String text) {
    return text.replace("&", "&amp;").replace("<", "&lt;").replace(">", "&gt;").replace("\"", "&quot;")
        .replace("'", "&#39;");
  }
}
