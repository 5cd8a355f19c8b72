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

  /** The first violation of a broken template whose fault is on line 4: a syntax error. */
  static String syntaxError(String body) {
    List<TemplateRules.Violation> violations = check(body);
    assertThat(violations).as(body).isNotEmpty();
    assertThat(violations.get(0).line()).as(body).isEqualTo(4);
    assertThat(violations.get(0).syntax()).as(body).isTrue();
    return violations.get(0).rule();
  }

  @Test
  void syntaxErrorsThatWouldOnlyShowWhenThePageRendersAreFoundWithTheirLine() {
    assertThat(syntaxError("<p th:text=\"${record.title\">x</p>")).isEqualTo("th:text=\"${record.title\" is not "
        + "an expression Thymeleaf can parse (Could not parse as expression: \"${record.title\")");
    assertThat(syntaxError("<p th:text=\"'Title: ' + ${record.title(}\">x</p>")).isEqualTo("th:text: "
        + "${record.title(} is not an expression SpEL can parse (" + spelMessage("record.title(") + ")");
    assertThat(syntaxError("<p>Title: [[${record.title]]</p>")).startsWith("[[…]]=\"${record.title\" is not an "
        + "expression Thymeleaf can parse");
    assertThat(syntaxError("<li th:each=\"record ${records}\">x</li>")).startsWith("th:each=\"record ${records}\"");
    assertThat(syntaxError("<p th:with=\"total=\">x</p>")).startsWith("th:with=\"total=\"");
    assertThat(syntaxError("<div th:fragment=\"card(\">x</div>")).startsWith("th:fragment=\"card(\"");
    assertThat(syntaxError("<p th:text=\"${record.title}>x</p>\n<p>y</p>")).startsWith("markup syntax error: "
        + "Incomplete structure");
    assertThat(syntaxError("<p th:text=\"${a}\" th:text=\"${b}\">x</p>")).isEqualTo("markup syntax error: "
        + "Malformed markup: Attribute \"th:text\" appears more than once in element");
    assertThat(syntaxError("<div>x</span></div>")).isEqualTo("unbalanced markup: </span> closes no open element");
    assertThat(syntaxError("<main><h1>x</h1>")).isEqualTo("unbalanced markup: <main> is never closed");
    // HTML lets these end tags out: the parser closes them as a browser would.
    assertThat(check("<ul><li>one<li>two</ul><table><tr><td>x</table><p>para")).isEmpty();
  }

  private static String spelMessage(String expression) {
    try {
      new org.springframework.expression.spel.standard.SpelExpressionParser().parseRaw(expression);
      throw new AssertionError(expression + " parsed");
    } catch (org.springframework.expression.ParseException e) {
      return e.getSimpleMessage();
    }
  }

  @Test
  void wordsInPlainTextAndInLiteralsAreNotExpressions() {
    assertThat(check("<img src=\"photo.jpg\" alt=\"new photo\" title=\"T(emperature) chart\">")).isEmpty();
    assertThat(check("<img th:src=\"@{/photo.jpg}\" th:alt=\"'new photo'\" th:title=\"|A new record by ${owner}|\">"))
        .isEmpty();
    assertThat(check("<p th:text=\"${count} + ' new records'\">x</p><p>[[|new since ${since}|]]</p>")).isEmpty();
    assertThat(check("<p th:text=\"${renewed} ? 'renew T(x)' : #{new.label}\">x</p>")).isEmpty();
  }

  @Test
  void constructorsAreRefusedInsideEveryKindOfExpression() {
    assertThat(rule("<p th:text=\"'Made by ' + ${new java.lang.ProcessBuilder('id').start()}\">x</p>"))
        .isEqualTo("'new ' constructor expression");
    // SpEL reads its keywords in any case.
    assertThat(rule("<p th:text=\"${NEW java.lang.ProcessBuilder('id').start()}\">x</p>"))
        .isEqualTo("'new ' constructor expression");
    assertThat(rule("<p>[[${new java.util.Scanner('x').next()}]]</p>")).isEqualTo("'new ' constructor expression");
    assertThat(rule("<a th:href=\"@{/records(q=${new java.lang.String('x')})}\">x</a>"))
        .isEqualTo("'new ' constructor expression");
    assertThat(rule("<li th:each=\"r : ${new java.util.ArrayList()}\">x</li>")).isEqualTo(
        "'new ' constructor expression");
  }

  @Test
  void characterReferencesAndCommentsThymeleafReadsDoNotHideAPayload() {
    // The processors resolve &#84; to T before parsing, and Thymeleaf runs [[…]] in comments.
    assertThat(rule("<p th:text=\"${&#84;(java.lang.Runtime).getRuntime()}\">x</p>")).isEqualTo("T(…) type expression");
    assertThat(rule("<!-- [[${T(java.lang.Runtime).getRuntime()}]] -->")).isEqualTo("T(…) type expression");
    assertThat(rule("<p><![CDATA[ [[${T(java.lang.System).getenv()}]] ]]></p>")).isEqualTo("T(…) type expression");
    // A prototype-only comment is live template code.
    assertThat(rule("<!--/*/ <div th:utext=\"${record.title}\"></div> /*/-->"))
        .isEqualTo("th:utext writes unescaped output");
  }

  @Test
  void beanReferencesReachOnlyThePageModels() {
    assertThat(rule("<p th:text=\"${@dataSource.getConnection()}\">x</p>"))
        .startsWith("@dataSource bean reference");
    assertThat(rule("<p>[[${@accessTokens.toString()}]]</p>")).startsWith("@accessTokens bean reference");
    assertThat(check("<ul th:with=\"buttons=${@ssoPages.buttons()}\"><li>x</li></ul>")).isEmpty();
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
