package org.strongroom.templates;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.Set;
import java.util.stream.Stream;

import org.junit.jupiter.api.Test;

/**
 * The override rules against server-side template injection: the payloads of InvenTree's
 * report-template advisories (CVE-2026-27629, CVE-2026-35477: Jinja2 expressions reaching the
 * interpreter's classes) rewritten for Thymeleaf/SpEL, each refused with its line; and no
 * false alarm on the shipped templates themselves.
 */
class OverrideRulesTests {

  static final Set<String> KNOWN = OverrideRulesTestsSupport.shipped();

  static List<TemplateRules.Violation> check(String body) {
    return TemplateRules.check("<!DOCTYPE html>\n<html xmlns:th=\"http://www.thymeleaf.org\">\n<body>\n" + body
        + "\n</body>\n</html>\n", KNOWN);
  }

  /** The one violation of a payload placed on line 4 of a template. */
  static String rule(String body) {
    List<TemplateRules.Violation> violations = check(body);
    assertThat(violations).as(body).isNotEmpty();
    assertThat(violations.get(0).line()).as(body).isEqualTo(4);
    return violations.get(0).rule();
  }

  @Test
  void typeExpressionsThatReachTheRuntimeAreRefused() {
    assertThat(rule("<p th:text=\"${T(java.lang.Runtime).getRuntime().exec('touch /tmp/pwned')}\">x</p>"))
        .isEqualTo("T(…) type expression");
    assertThat(rule("<p>[[${T (java.lang.System).getenv()}]]</p>")).isEqualTo("T(…) type expression");
  }

  @Test
  void constructorsAreRefused() {
    assertThat(rule("<p data-th-text=\"${new java.lang.ProcessBuilder({'id'}).start()}\">x</p>"))
        .isEqualTo("'new ' constructor expression");
  }

  @Test
  void preprocessingThatTurnsDataIntoAnExpressionIsRefused() {
    assertThat(rule("<p th:text=\"${__${param.q}__}\">x</p>")).isEqualTo("__…__ expression preprocessing");
    assertThat(rule("<a th:href=\"@{/records/{id}(id=__${record.title}__)}\">x</a>"))
        .isEqualTo("__…__ expression preprocessing");
  }

  @Test
  void unescapedOutputIsRefused() {
    assertThat(rule("<div th:utext=\"${record.title}\"></div>")).isEqualTo("th:utext writes unescaped output");
    assertThat(rule("<p>[(${record.title})]</p>")).isEqualTo("[(…)] writes unescaped output");
  }

  @Test
  void fragmentsFromOutsideTheTemplateFolderAreRefused() {
    assertThat(rule("<div th:insert=\"~{file:/etc/passwd :: x}\"></div>")).contains("th:insert of \"file:/etc/passwd\"");
    assertThat(rule("<div th:replace=\"~{../../secret.key}\"></div>"))
        .contains("th:replace of \"../../secret.key\", which is not a template of this server's template folder");
    assertThat(rule("<div th:insert=\"${record.title}\"></div>")).contains("th:insert of \"${record.title}\"");
    assertThat(check("<div th:replace=\"~{fragments/layout :: page(title='x', content=~{::main})}\"></div>"))
        .isEmpty();
    assertThat(check("<div th:insert=\"fragments/layout :: page\"></div>")).isEmpty();
  }

  @Test
  void inlineScriptAndEventHandlersAreRefused() {
    assertThat(rule("<script>fetch('/api/me')</script>")).startsWith("inline <script>");
    assertThat(rule("<img src=\"x.png\" onerror=\"alert(1)\">")).isEqualTo(
        "event-handler attribute onerror (inline JavaScript)");
    assertThat(rule("<button th:onclick=\"'go(' + ${record.id} + ')'\">x</button>")).startsWith(
        "event-handler attribute th:onclick");
    assertThat(rule("<p th:inline=\"javascript\">x</p>")).startsWith("th:inline=\"javascript\"");
    assertThat(check("<script src=\"/js/strongroom.js\" th:src=\"@{/js/strongroom.js}\"></script>")).isEmpty();
  }

  @Test
  void everyShippedTemplatePassesButThreeThatAnOverrideWouldHaveToPin() throws IOException {
    Path root = Path.of("src/main/resources/templates");
    try (Stream<Path> files = Files.walk(root)) {
      for (Path file : files.filter(f -> f.toString().endsWith(".html")).toList()) {
        List<TemplateRules.Violation> violations = TemplateRules.check(Files.readString(file), KNOWN);
        if (file.endsWith("records/detail.html")) {
          assertThat(violations).extracting(TemplateRules.Violation::rule)
              .containsExactly("th:utext writes unescaped output");
        } else if (file.endsWith("records/form.html")) {
          // The current version's description and the preview: HTML from the Markdown sanitiser.
          assertThat(violations).extracting(TemplateRules.Violation::rule)
              .containsExactly("th:utext writes unescaped output", "th:utext writes unescaped output");
        } else if (file.endsWith("tokens/table.html")) {
          // The revoke URL's base is set by the server, never by a user, so the shipped copy may.
          assertThat(violations).extracting(TemplateRules.Violation::rule)
              .containsExactly("__…__ expression preprocessing");
        } else {
          assertThat(violations).as(file.toString()).isEmpty();
        }
      }
    }
  }
}
