package org.strongroom.records;

import org.commonmark.parser.Parser;
import org.commonmark.renderer.html.HtmlRenderer;
import org.owasp.html.HtmlPolicyBuilder;
import org.owasp.html.PolicyFactory;
import org.owasp.html.Sanitizers;
import org.springframework.stereotype.Component;

/**
 * Renders Markdown descriptions to HTML and passes the result through the OWASP sanitiser,
 * which keeps formatting, links and tables and drops scripts, event handlers, styles and
 * anything else a browser would run.
 */
@Component
class MarkdownRenderer {

  private static final PolicyFactory POLICY = Sanitizers.FORMATTING
      .and(Sanitizers.BLOCKS)
      .and(Sanitizers.LINKS)
      .and(Sanitizers.TABLES)
      .and(new HtmlPolicyBuilder().allowElements("pre", "code", "hr").toFactory());

  private final Parser parser = Parser.builder().build();
  private final HtmlRenderer renderer = HtmlRenderer.builder().escapeHtml(true).sanitizeUrls(true).build();

  String toSafeHtml(String markdown) {
    if (markdown == null || markdown.isEmpty()) {
      return "";
    }
    return POLICY.sanitize(renderer.render(parser.parse(markdown)));
  }
}
