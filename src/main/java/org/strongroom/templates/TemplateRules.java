package org.strongroom.templates;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.attoparser.AbstractMarkupHandler;
import org.attoparser.MarkupParser;
import org.attoparser.ParseException;
import org.attoparser.config.ParseConfiguration;

/**
 * Reads one template with Thymeleaf's own markup parser and lists every construct that could
 * let data become code or markup, with its line.
 */
public final class TemplateRules {

  /** One refused construct. */
  public record Violation(int line, String rule) {}

  private static final Pattern TYPE_EXPRESSION = Pattern.compile("\\bT\\s*\\(");
  private static final Pattern CONSTRUCTOR = Pattern.compile("\\bnew\\s+[A-Za-z_$]");
  private static final Pattern INLINE = Pattern.compile("\\[\\[(.*?)]]|\\[\\((.*?)\\)]", Pattern.DOTALL);
  private static final Pattern FRAGMENT = Pattern.compile("~\\{\\s*(.*?)\\s*(::|})");
  private static final Pattern HANDED_IN = Pattern.compile("\\$\\{\\s*([A-Za-z_][A-Za-z0-9_]*)\\s*}");
  private static final Pattern SIGNATURE = Pattern.compile("\\((.*)\\)");
  private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+)*");
  private static final Set<String> FRAGMENT_ATTRIBUTES = Set.of("th:insert", "th:replace", "th:include",
      "th:substituteby");

  private TemplateRules() {}

  /**
   * @param templates the names a fragment may come from (shipped and overridden, without .html)
   */
  public static List<Violation> check(String html, Set<String> templates) {
    Handler handler = new Handler(templates);
    try {
      new MarkupParser(ParseConfiguration.htmlConfiguration()).parse(html, handler);
    } catch (ParseException e) {
      handler.add(e.getLine() == null ? 1 : e.getLine(), "markup syntax error: " + firstLine(e.getMessage()));
    }
    return List.copyOf(handler.violations);
  }

  private static String firstLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }

  private static final class Handler extends AbstractMarkupHandler {

    final List<Violation> violations = new ArrayList<>();
    private final Set<String> templates;
    private String element = "";
    private int elementLine;
    private boolean scriptHasSource;
    private boolean inScript;
    private final Set<String> fragmentParameters = new java.util.HashSet<>();

    Handler(Set<String> templates) {
      this.templates = templates;
    }

    void add(int line, String rule) {
      violations.add(new Violation(line, rule));
    }

    @Override
    public void handleOpenElementStart(char[] buffer, int offset, int len, int line, int col) {
      startElement(new String(buffer, offset, len), line);
    }

    @Override
    public void handleStandaloneElementStart(char[] buffer, int offset, int len, boolean minimized, int line,
        int col) {
      startElement(new String(buffer, offset, len), line);
    }

    private void startElement(String name, int line) {
      element = name.toLowerCase(Locale.ROOT);
      elementLine = line;
      scriptHasSource = false;
    }

    @Override
    public void handleOpenElementEnd(char[] buffer, int offset, int len, int line, int col) {
      if (element.equals("script")) {
        inScript = true;
        if (!scriptHasSource) {
          add(elementLine, "inline <script> (scripts must come from a file: <script src=…>)");
        }
      }
    }

    @Override
    public void handleCloseElementStart(char[] buffer, int offset, int len, int line, int col) {
      inScript = false;
    }

    @Override
    public void handleAttribute(char[] buffer, int nameOffset, int nameLen, int nameLine, int nameCol,
        int operatorOffset, int operatorLen, int operatorLine, int operatorCol, int valueContentOffset,
        int valueContentLen, int valueOuterOffset, int valueOuterLen, int valueLine, int valueCol) {
      String name = normalise(new String(buffer, nameOffset, nameLen));
      String value = new String(buffer, valueContentOffset, valueContentLen);
      if (element.equals("script") && (name.equals("src") || name.equals("th:src"))) {
        scriptHasSource = true;
      }
      String bare = name.startsWith("th:") ? name.substring(3) : name;
      if (bare.startsWith("on")) {
        add(nameLine, "event-handler attribute " + name + " (inline JavaScript)");
      }
      if (name.equals("th:utext")) {
        add(nameLine, "th:utext writes unescaped output");
      }
      if (name.equals("th:inline") && !value.strip().equals("none") && !value.strip().equals("text")) {
        add(nameLine, "th:inline=\"" + value + "\" (inline script)");
      }
      if (name.equals("th:fragment")) {
        Matcher signature = SIGNATURE.matcher(value);
        if (signature.find()) {
          for (String parameter : signature.group(1).split(",")) {
            fragmentParameters.add(parameter.strip());
          }
        }
      }
      if (name.startsWith("th:")) {
        checkExpression(value, valueLine);
        if (FRAGMENT_ATTRIBUTES.contains(name)) {
          checkFragment(name, value, valueLine);
        }
      }
    }

    @Override
    public void handleText(char[] buffer, int offset, int len, int line, int col) {
      String text = new String(buffer, offset, len);
      if (inScript && !text.isBlank()) {
        add(line, "inline <script> content");
      }
      Matcher inline = INLINE.matcher(text);
      while (inline.find()) {
        int at = line + (int) text.substring(0, inline.start()).chars().filter(c -> c == '\n').count();
        if (inline.group(2) != null) {
          add(at, "[(…)] writes unescaped output");
          checkExpression(inline.group(2), at);
        } else {
          checkExpression(inline.group(1), at);
        }
      }
    }

    private void checkExpression(String value, int line) {
      if (value.contains("__")) {
        add(line, "__…__ expression preprocessing");
      }
      if (TYPE_EXPRESSION.matcher(value).find()) {
        add(line, "T(…) type expression");
      }
      if (CONSTRUCTOR.matcher(value).find()) {
        add(line, "'new ' constructor expression");
      }
    }

    private void checkFragment(String attribute, String value, int line) {
      String expression = value.strip();
      Matcher handedIn = HANDED_IN.matcher(expression);
      if (handedIn.matches() && fragmentParameters.contains(handedIn.group(1))) {
        return; // a fragment the calling template passed to this one's th:fragment, itself checked
      }
      if (!expression.contains("~{")) {
        int selector = expression.indexOf("::");
        checkTemplateName(attribute, (selector >= 0 ? expression.substring(0, selector) : expression).strip(), line);
        return;
      }
      Matcher fragment = FRAGMENT.matcher(expression);
      while (fragment.find()) {
        checkTemplateName(attribute, fragment.group(1).strip(), line);
      }
    }

    private void checkTemplateName(String attribute, String template, int line) {
      if (template.isEmpty() || template.equals("this")) {
        return;
      }
      if (!TEMPLATE_NAME.matcher(template).matches() || !templates.contains(template)) {
        add(line, attribute + " of \"" + template + "\", which is not a template of this server's template folder");
      }
    }

    /** {@code data-th-text} is {@code th:text}. */
    private static String normalise(String attribute) {
      String name = attribute.toLowerCase(Locale.ROOT);
      return name.startsWith("data-th-") ? "th:" + name.substring("data-th-".length()) : name;
    }
  }
}
