package org.strongroom.templates;

import java.util.ArrayDeque;
import java.util.ArrayList;
import java.util.Deque;
import java.util.HashSet;
import java.util.List;
import java.util.Locale;
import java.util.Set;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.springframework.expression.ParseException;
import org.springframework.expression.spel.SpelNode;
import org.springframework.expression.spel.ast.BeanReference;
import org.springframework.expression.spel.ast.ConstructorReference;
import org.springframework.expression.spel.ast.TypeReference;
import org.springframework.expression.spel.standard.SpelExpressionParser;
import org.thymeleaf.IEngineConfiguration;
import org.thymeleaf.context.ExpressionContext;
import org.thymeleaf.engine.AbstractTemplateHandler;
import org.thymeleaf.exceptions.TemplateProcessingException;
import org.thymeleaf.model.ICDATASection;
import org.thymeleaf.model.ICloseElementTag;
import org.thymeleaf.model.IComment;
import org.thymeleaf.model.IOpenElementTag;
import org.thymeleaf.model.IProcessableElementTag;
import org.thymeleaf.model.IStandaloneElementTag;
import org.thymeleaf.model.IText;
import org.thymeleaf.spring6.SpringTemplateEngine;
import org.thymeleaf.standard.expression.Assignation;
import org.thymeleaf.standard.expression.AssignationSequence;
import org.thymeleaf.standard.expression.AssignationUtils;
import org.thymeleaf.standard.expression.BinaryOperationExpression;
import org.thymeleaf.standard.expression.ConditionalExpression;
import org.thymeleaf.standard.expression.DefaultExpression;
import org.thymeleaf.standard.expression.Each;
import org.thymeleaf.standard.expression.EachUtils;
import org.thymeleaf.standard.expression.ExpressionSequence;
import org.thymeleaf.standard.expression.ExpressionSequenceUtils;
import org.thymeleaf.standard.expression.FragmentExpression;
import org.thymeleaf.standard.expression.FragmentSignature;
import org.thymeleaf.standard.expression.FragmentSignatureUtils;
import org.thymeleaf.standard.expression.IStandardExpression;
import org.thymeleaf.standard.expression.IStandardExpressionParser;
import org.thymeleaf.standard.expression.LinkExpression;
import org.thymeleaf.standard.expression.MessageExpression;
import org.thymeleaf.standard.expression.MinusExpression;
import org.thymeleaf.standard.expression.NegationExpression;
import org.thymeleaf.standard.expression.NoOpTokenExpression;
import org.thymeleaf.standard.expression.NullTokenExpression;
import org.thymeleaf.standard.expression.SelectionVariableExpression;
import org.thymeleaf.standard.expression.StandardExpressions;
import org.thymeleaf.standard.expression.TextLiteralExpression;
import org.thymeleaf.standard.expression.Token;
import org.thymeleaf.standard.expression.VariableExpression;
import org.thymeleaf.templatemode.TemplateMode;
import org.thymeleaf.templateparser.markup.HTMLTemplateParser;
import org.thymeleaf.templateresource.StringTemplateResource;
import org.thymeleaf.util.EscapedAttributeUtils;

/**
 * Reads one template as Thymeleaf itself would, without running any of it: the markup with
 * Thymeleaf's own template parser (so prototype-only comments and {@code [[…]]} inlining come
 * out as Thymeleaf sees them), every {@code th:*} attribute and inlined expression with the
 * Standard expression parser, and every {@code ${…}}/{@code *{…}} inside them with the SpEL
 * parser. It lists every construct that could let data become code or markup, and every syntax
 * error that would otherwise only show when the page renders, each with its line.
 */
public final class TemplateRules {

  /**
   * One refused construct; a {@code syntax} error is a broken template, which no pin allows.
   */
  public record Violation(int line, String rule, boolean syntax) {

    public Violation(int line, String rule) {
      this(line, rule, false);
    }
  }

  /** The Spring dialect's configuration, as the server's engine has it; used only to parse. */
  private static final IEngineConfiguration CONFIGURATION = new SpringTemplateEngine().getConfiguration();
  // A bean reference reaches any Spring bean of the server (its services, its data source):
  // an override may name only the beans the shipped templates read their page models from.
  private static final java.util.Set<String> PAGE_MODEL_BEANS = java.util.Set.of("ssoPages");
  private static final SpelExpressionParser SPEL = new SpelExpressionParser();
  private static final Pattern PREPROCESSING = Pattern.compile("__.*?__", Pattern.DOTALL);
  private static final Pattern INLINE = Pattern.compile("\\[\\[(.*?)]]|\\[\\((.*?)\\)]", Pattern.DOTALL);
  private static final Pattern TEMPLATE_NAME = Pattern.compile("[a-z0-9_-]+(/[a-z0-9_-]+)*");
  private static final Set<String> FRAGMENT_ATTRIBUTES = Set.of("th:insert", "th:replace", "th:include",
      "th:substituteby");
  private static final Set<String> ASSIGNATIONS = Set.of("th:with", "th:attr", "th:attrappend", "th:attrprepend");
  /** Elements whose end tag HTML lets an author leave out: the parser closes them, rightly. */
  private static final Set<String> OPTIONAL_END = Set.of("html", "head", "body", "p", "li", "dt", "dd", "option",
      "optgroup", "tr", "td", "th", "thead", "tbody", "tfoot", "colgroup", "caption", "rt", "rp");

  private TemplateRules() {}

  /**
   * @param templates the names a fragment may come from (shipped and overridden, without .html)
   */
  public static List<Violation> check(String html, Set<String> templates) {
    Handler handler = new Handler(html, templates);
    try {
      new HTMLTemplateParser(1, 4096).parseStandalone(CONFIGURATION, null, "override", null,
          new StringTemplateResource(html), TemplateMode.HTML, false, handler);
    } catch (TemplateProcessingException e) {
      org.attoparser.ParseException markup = markupError(e);
      Integer line = markup != null ? markup.getLine() : e.getLine();
      handler.syntax(line == null ? 1 : line, "markup syntax error: "
          + withoutPosition(markup != null ? markup.getMessage() : e.getMessage()));
    }
    return List.copyOf(handler.violations);
  }

  private static org.attoparser.ParseException markupError(Throwable failure) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause instanceof org.attoparser.ParseException parse) {
        return parse;
      }
    }
    return null;
  }

  /** attoparser's "(Line = 3, Column = 1) Incomplete structure: …" without the position we print anyway. */
  private static String withoutPosition(String message) {
    String text = oneLine(message);
    return text.startsWith("(Line = ") && text.contains(") ") ? text.substring(text.indexOf(") ") + 2) : text;
  }

  private static String oneLine(String message) {
    if (message == null) {
      return "unreadable";
    }
    String text = message.strip();
    int newline = text.indexOf('\n');
    text = newline > 0 ? text.substring(0, newline) + " …" : text;
    return text.length() > 200 ? text.substring(0, 200) + " …" : text;
  }

  /**
   * Thymeleaf's own rule ({@code AbstractStandardFragmentInsertionTagProcessor}) for a
   * {@code th:insert} value written without {@code ~{…}}: it is wrapped in one.
   */
  static boolean wrappedAsFragmentExpression(String input) {
    int length = input.length();
    if (length > 2 && input.charAt(0) == '~' && input.charAt(1) == '{') {
      return false;
    }
    int braces = 0;
    int parentheses = 0;
    boolean inLiteral = false;
    for (int i = 0; i < length; i++) {
      char c = input.charAt(i);
      boolean hasNext = i + 1 < length;
      if ((c >= 'a' && c <= 'z') || c == ' ') {
        continue;
      }
      if (c == '\'') {
        inLiteral = !inLiteral;
      } else if (!inLiteral) {
        if (c == '{') {
          braces++;
        } else if (c == '}') {
          braces--;
        } else if (braces == 0) {
          if (c == '(') {
            parentheses++;
          } else if (c == ')') {
            parentheses--;
          } else if (c == '=' && parentheses == 1) {
            return true;
          } else if (c == '~' && hasNext && input.charAt(i + 1) == '{') {
            return false;
          } else if (c == ':' && hasNext && input.charAt(i + 1) == ':') {
            return true;
          }
        }
      }
    }
    return true;
  }

  private static final class Handler extends AbstractTemplateHandler {

    final List<Violation> violations = new ArrayList<>();
    private final String[] lines;
    private final Set<String> templates;
    private final Set<String> fragmentParameters = new HashSet<>();
    private final Deque<int[]> open = new ArrayDeque<>();
    private final IStandardExpressionParser parser = StandardExpressions.getExpressionParser(CONFIGURATION);
    private final ExpressionContext context = new ExpressionContext(CONFIGURATION);
    private boolean inScript;
    /** The attribute (or inlined form) whose expression is being looked at, for the messages. */
    private String attribute = "";

    Handler(String html, Set<String> templates) {
      this.lines = html.split("\n", -1);
      this.templates = templates;
    }

    void add(int line, String rule) {
      violations.add(new Violation(line, rule));
    }

    void syntax(int line, String rule) {
      violations.add(new Violation(line, rule, true));
    }

    @Override
    public void handleOpenElement(IOpenElementTag tag) {
      element(tag);
      open.push(new int[] {tag.getLine(), tag.isSynthetic() ? 1 : 0});
      if (name(tag).equals("script")) {
        inScript = true;
      }
    }

    @Override
    public void handleStandaloneElement(IStandaloneElementTag tag) {
      element(tag);
    }

    @Override
    public void handleCloseElement(ICloseElementTag tag) {
      String name = name(tag);
      if (tag.isUnmatched()) {
        syntax(tag.getLine(), "unbalanced markup: </" + name + "> closes no open element");
        return;
      }
      int[] opened = open.isEmpty() ? new int[] {tag.getLine(), 0} : open.pop();
      if (tag.isSynthetic() && opened[1] == 0 && !OPTIONAL_END.contains(name)) {
        syntax(opened[0], "unbalanced markup: <" + name + "> is never closed");
      }
      if (name.equals("script")) {
        inScript = false;
      }
    }

    @Override
    public void handleText(IText text) {
      if (inScript && !text.getText().isBlank()) {
        add(text.getLine(), "inline <script> content");
      }
    }

    /** Thymeleaf inlines [[…]] and [(…)] in comments and CDATA sections as it renders them. */
    @Override
    public void handleComment(IComment comment) {
      inlined(comment.getContent(), comment.getLine());
    }

    @Override
    public void handleCDATASection(ICDATASection section) {
      inlined(section.getContent(), section.getLine());
    }

    private void inlined(String content, int line) {
      Matcher inline = INLINE.matcher(content);
      while (inline.find()) {
        int at = line + (int) content.substring(0, inline.start()).chars().filter(c -> c == '\n').count();
        boolean unescaped = inline.group(2) != null;
        if (unescaped) {
          add(at, "[(…)] writes unescaped output");
        }
        expression(unescaped ? "[(…)]" : "[[…]]", unescaped ? inline.group(2) : inline.group(1), at);
      }
    }

    private static String name(org.thymeleaf.model.IElementTag tag) {
      return tag.getElementCompleteName().toLowerCase(Locale.ROOT);
    }

    private void element(IProcessableElementTag tag) {
      String element = name(tag);
      boolean script = element.equals("script");
      boolean hasSource = false;
      for (var attribute : tag.getAllAttributes()) {
        String name = normalise(attribute.getAttributeCompleteName());
        hasSource |= name.equals("src") || name.equals("th:src");
      }
      if (script && !hasSource) {
        add(tag.getLine(), "inline <script> (scripts must come from a file: <script src=…>)");
      }
      // The parser turns [[…]] and [(…)] in text into a th:block with th:text or th:utext.
      // Its position is that of the expression, just after the opening brackets.
      String from = element.equals("th:block") ? source(tag.getLine(), tag.getCol() - 2) : "";
      String inlined = from.startsWith("[[") ? "[[…]]" : from.startsWith("[(") ? "[(…)]" : null;
      for (var attribute : tag.getAllAttributes()) {
        attribute(normalise(attribute.getAttributeCompleteName()), attribute.getValue(), attribute.getLine(),
            inlined);
      }
    }

    /** The template text from a position on: where an element came from. */
    private String source(int line, int col) {
      if (line < 1 || line > lines.length || col < 1 || col > lines[line - 1].length()) {
        return "";
      }
      return lines[line - 1].substring(col - 1);
    }

    private void attribute(String name, String raw, int line, String inlined) {
      String bare = name.startsWith("th:") ? name.substring(3) : name;
      if (bare.startsWith("on")) {
        add(line, "event-handler attribute " + name + " (inline JavaScript)");
      }
      if (!name.startsWith("th:") || raw == null) {
        return;
      }
      // What the processors parse: the attribute's value with its character references resolved.
      String value = EscapedAttributeUtils.unescapeAttribute(TemplateMode.HTML, raw);
      if (name.equals("th:utext")) {
        add(line, inlined != null ? "[(…)] writes unescaped output" : "th:utext writes unescaped output");
      }
      switch (name) {
        case "th:inline" -> {
          if (!value.strip().equals("none") && !value.strip().equals("text")) {
            add(line, "th:inline=\"" + value + "\" (inline script)");
          }
        }
        case "th:fragment" -> fragmentSignature(value, line);
        default -> {
          if (!(name.equals("th:case") && value.strip().equals("*"))) {
            expression(inlined != null ? inlined : name, value, line);
          }
        }
      }
    }

    private void fragmentSignature(String value, int line) {
      try {
        FragmentSignature signature = FragmentSignatureUtils.parseFragmentSignature(CONFIGURATION, value);
        if (signature.hasParameters()) {
          fragmentParameters.addAll(signature.getParameterNames());
        }
      } catch (RuntimeException e) {
        syntax(line, "th:fragment=\"" + value + "\" is not a fragment signature Thymeleaf can parse");
      }
    }

    /** Parses a value the way the attribute's processor does, then looks inside what it parsed. */
    private void expression(String attribute, String value, int line) {
      this.attribute = attribute;
      if (PREPROCESSING.matcher(value).find()) {
        // Parsing it would run the preprocessing: refused without looking further.
        add(line, "__…__ expression preprocessing");
        return;
      }
      try {
        if (attribute.equals("th:each")) {
          Each each = EachUtils.parseEach(context, value);
          walk(each.getIterVar(), line);
          walk(each.getStatusVar(), line);
          walk(each.getIterable(), line);
        } else if (ASSIGNATIONS.contains(attribute)) {
          walk(AssignationUtils.parseAssignationSequence(context, value, false), line);
        } else if (attribute.equals("th:assert")) {
          walk(ExpressionSequenceUtils.parseExpressionSequence(context, value), line);
        } else if (FRAGMENT_ATTRIBUTES.contains(attribute)) {
          String trimmed = value.strip();
          IStandardExpression fragment = parser.parseExpression(context,
              wrappedAsFragmentExpression(trimmed) ? "~{" + trimmed + "}" : trimmed);
          insertedFragments(fragment, line);
          walk(fragment, line);
        } else {
          walk(parser.parseExpression(context, value), line);
        }
      } catch (RuntimeException e) {
        syntax(line, attribute + "=\"" + value + "\" is not an expression Thymeleaf can parse ("
            + withoutTemplate(e) + ")");
      }
    }

    private static String withoutTemplate(RuntimeException e) {
      String message = oneLine(e.getMessage());
      int template = message.indexOf(" (template:");
      return template > 0 ? message.substring(0, template) : message;
    }

    /** What a fragment attribute inserts: a fragment expression, or a choice between them. */
    private void insertedFragments(IStandardExpression expression, int line) {
      if (expression instanceof ConditionalExpression choice) {
        insertedFragments(choice.getThenExpression(), line);
        insertedFragments(choice.getElseExpression(), line);
      } else if (expression instanceof DefaultExpression fallback) {
        insertedFragments(fallback.getQueriedExpression(), line);
        insertedFragments(fallback.getDefaultExpression(), line);
      } else if (expression != null && !(expression instanceof FragmentExpression) && !(expression instanceof NoOpTokenExpression)
          && !(expression instanceof NullTokenExpression) && !handedIn(expression)) {
        add(line, attribute + " of \"" + expression.getStringRepresentation() + "\", which is not a template of "
            + "this server's template folder");
      }
    }

    /** {@code ${content}}: a fragment the calling template passed to this one's th:fragment, itself checked. */
    private boolean handedIn(IStandardExpression expression) {
      return expression instanceof VariableExpression variable
          && fragmentParameters.contains(variable.getExpression().strip());
    }

    /** Checked for every fragment expression, wherever it is: it may be inserted later. */
    private void templateName(FragmentExpression fragment, int line) {
      IStandardExpression name = fragment.getTemplateName();
      if (name == null || handedIn(name)) {
        return;
      }
      String template = name instanceof TextLiteralExpression literal ? literal.getValue().getValue()
          : name instanceof Token token ? String.valueOf(token.getValue()) : null;
      if ("this".equals(template)) {
        return;
      }
      if (template == null || !TEMPLATE_NAME.matcher(template).matches() || !templates.contains(template)) {
        add(line, attribute + " of \"" + (template != null ? template : name.getStringRepresentation())
            + "\", which is not a template of this server's template folder");
      }
    }

    private void walk(AssignationSequence assignations, int line) {
      if (assignations != null) {
        for (Assignation assignation : assignations) {
          walk(assignation.getLeft(), line);
          walk(assignation.getRight(), line);
        }
      }
    }

    private void walk(ExpressionSequence expressions, int line) {
      if (expressions != null) {
        expressions.forEach(expression -> walk(expression, line));
      }
    }

    /** Every node of a parsed Standard expression; the SpEL inside ${…} and *{…} is parsed too. */
    private void walk(IStandardExpression expression, int line) {
      if (expression instanceof VariableExpression variable) {
        spel(variable.getExpression(), variable.getStringRepresentation(), line);
      } else if (expression instanceof SelectionVariableExpression selection) {
        spel(selection.getExpression(), selection.getStringRepresentation(), line);
      } else if (expression instanceof MessageExpression message) {
        walk(message.getBase(), line);
        walk(message.getParameters(), line);
      } else if (expression instanceof LinkExpression link) {
        walk(link.getBase(), line);
        walk(link.getParameters(), line);
      } else if (expression instanceof FragmentExpression fragment) {
        templateName(fragment, line);
        walk(fragment.getTemplateName(), line);
        walk(fragment.getFragmentSelector(), line);
        walk(fragment.getParameters(), line);
      } else if (expression instanceof BinaryOperationExpression operation) {
        walk(operation.getLeft(), line);
        walk(operation.getRight(), line);
      } else if (expression instanceof ConditionalExpression choice) {
        walk(choice.getConditionExpression(), line);
        walk(choice.getThenExpression(), line);
        walk(choice.getElseExpression(), line);
      } else if (expression instanceof DefaultExpression fallback) {
        walk(fallback.getQueriedExpression(), line);
        walk(fallback.getDefaultExpression(), line);
      } else if (expression instanceof NegationExpression negation) {
        walk(negation.getOperand(), line);
      } else if (expression instanceof MinusExpression minus) {
        walk(minus.getOperand(), line);
      }
      // Literals and tokens hold no code: 'a new photo' is text, not a constructor.
    }

    private void spel(String source, String shown, int line) {
      SpelNode root;
      try {
        root = SPEL.parseRaw(source).getAST();
      } catch (ParseException e) {
        syntax(line, attribute + ": " + shown + " is not an expression SpEL can parse ("
            + oneLine(e.getSimpleMessage()) + ")");
        return;
      } catch (RuntimeException e) {
        syntax(line, attribute + ": " + shown + " is not an expression SpEL can parse (" + oneLine(e.getMessage()) + ")");
        return;
      }
      spelNode(root, line);
    }

    private void spelNode(SpelNode node, int line) {
      if (node instanceof TypeReference) {
        add(line, "T(…) type expression");
      } else if (node instanceof ConstructorReference) {
        add(line, "'new ' constructor expression");
      } else if (node instanceof BeanReference bean && !PAGE_MODEL_BEANS.contains(bean.toStringAST().substring(1))) {
        add(line, bean.toStringAST() + " bean reference (only the page models "
            + PAGE_MODEL_BEANS.stream().map(name -> "@" + name).toList() + " may be named)");
      }
      for (int i = 0; i < node.getChildCount(); i++) {
        spelNode(node.getChild(i), line);
      }
    }

    /** {@code data-th-text} is {@code th:text}. */
    private static String normalise(String attribute) {
      String name = attribute.toLowerCase(Locale.ROOT);
      return name.startsWith("data-th-") ? "th:" + name.substring("data-th-".length()) : name;
    }
  }
}
