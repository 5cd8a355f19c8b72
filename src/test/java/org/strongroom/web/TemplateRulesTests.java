package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.List;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;

/**
 * Source rules for the templates that keep the CSP strict, beyond ArchitectureTests (unescaped
 * output, inline scripts): every script and style tag carries the nonce, even one loaded from
 * our origin, and there is no inline event handler, style attribute or javascript: URL, which
 * no nonce can allow.
 */
class TemplateRulesTests {

  static final Path TEMPLATES = Path.of("src/main/resources/templates");
  static final Pattern SCRIPT_OR_STYLE = Pattern.compile("<(script|style)\\b[^>]*>", Pattern.CASE_INSENSITIVE);
  static final Pattern INLINE_HANDLER = Pattern.compile("\\son[a-z]+\\s*=|\\sstyle\\s*=|javascript:",
      Pattern.CASE_INSENSITIVE);

  static List<Path> templates() throws IOException {
    try (var files = Files.walk(TEMPLATES)) {
      return files.filter(path -> path.toString().endsWith(".html")).toList();
    }
  }

  @Test
  void everyScriptAndStyleTagCarriesTheNonce() throws IOException {
    for (Path template : templates()) {
      Matcher tags = SCRIPT_OR_STYLE.matcher(Files.readString(template));
      while (tags.find()) {
        assertThat(tags.group()).as(template + ": " + tags.group()).contains("nonce=${cspNonce}");
      }
    }
  }

  @Test
  void noInlineHandlersOrStyleAttributes() throws IOException {
    for (Path template : templates()) {
      assertThat(INLINE_HANDLER.matcher(Files.readString(template)).find()).as(template.toString()).isFalse();
    }
  }

  /**
   * Uploads stream from disk: the page script hands the {@code File} itself to XHR as the body
   * and never reads a file into the page's memory (no FileReader, arrayBuffer(), text(),
   * slice() or FormData copy).
   */
  @Test
  void theUploadScriptSendsFilesAsTheyAre() throws IOException {
    String script = Files.readString(Path.of("src/main/resources/static/js/upload.js"));
    assertThat(script).contains("xhr.send(file)").contains("xhr.upload.addEventListener(\"progress\"");
    assertThat(script).doesNotContain("FileReader", "arrayBuffer(", ".text()", ".slice(", "FormData", "readAs");
  }

  /**
   * Developer comments stay in the sources: only Thymeleaf's parser-level comments
   * ({@code <!--/* … *\/-->}), which are removed before the page is served.
   */
  @Test
  void noCommentsReachTheServedHtml() throws IOException {
    Pattern servedComment = Pattern.compile("<!--(?!/\\*)");
    for (Path template : templates()) {
      assertThat(servedComment.matcher(Files.readString(template)).find()).as(template.toString()).isFalse();
    }
  }
}
