package org.strongroom.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Optional;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

/**
 * A recursive-descent parser for the query language:
 * <pre>
 * query  = clause*                      all must match
 * clause = unary ("OR" unary)*
 * unary  = "-" atom | atom
 * atom   = [field ":"] (phrase | word["*"])
 * </pre>
 * Positions in errors are 1-based characters of the query as given.
 */
final class QueryParser {

  private static final Pattern YEARS = Pattern.compile("(\\d{4})(?:\\.\\.(\\d{4}))?");
  private static final String FIELDS = "title, contributor, keyword, description, type, license or year";
  private static final int MIN_PREFIX = 2;

  private final String text;
  private int at;
  private int terms;

  QueryParser(String text) {
    this.text = text;
  }

  Optional<Clause> parse() {
    if (text.length() > SearchQuery.MAX_LENGTH) {
      throw error("a query may have at most " + SearchQuery.MAX_LENGTH + " characters (it has "
          + text.length() + ")", SearchQuery.MAX_LENGTH + 1);
    }
    for (int i = 0; i < text.length(); i++) {
      char c = text.charAt(i);
      if (Character.isISOControl(c) && c != '\t' && c != '\n' && c != '\r') {
        throw error(String.format("control character U+%04X is not allowed", (int) c), i + 1);
      }
    }
    List<Clause> clauses = new ArrayList<>();
    skipSpace();
    while (!atEnd()) {
      if (isKeyword("AND")) {
        if (clauses.isEmpty()) {
          throw error("AND must stand between two terms", at + 1);
        }
        int and = at;
        at += 3;
        skipSpace();
        if (atEnd()) {
          throw error("AND must stand between two terms", and + 1);
        }
        continue;
      }
      parseAnyOf().ifPresent(clauses::add);
      skipSpace();
    }
    return switch (clauses.size()) {
      case 0 -> Optional.empty();
      case 1 -> Optional.of(clauses.get(0));
      default -> Optional.of(new Clause.AllOf(clauses));
    };
  }

  private Optional<Clause> parseAnyOf() {
    if (isKeyword("OR")) {
      throw error("OR must stand between two terms", at + 1);
    }
    List<Clause> any = new ArrayList<>();
    parseUnary().ifPresent(any::add);
    while (true) {
      int before = at;
      skipSpace();
      if (!isKeyword("OR")) {
        at = before;
        break;
      }
      int or = at;
      at += 2;
      skipSpace();
      if (atEnd() || isKeyword("OR") || isKeyword("AND")) {
        throw error("OR must stand between two terms", or + 1);
      }
      parseUnary().ifPresent(any::add);
    }
    return switch (any.size()) {
      case 0 -> Optional.empty();
      case 1 -> Optional.of(any.get(0));
      default -> Optional.of(new Clause.AnyOf(any));
    };
  }

  private Optional<Clause> parseUnary() {
    if (peek() != '-') {
      return parseAtom();
    }
    int minus = at++;
    if (atEnd() || Character.isWhitespace(peek()) || peek() == '-') {
      throw error("'-' must be followed directly by the term to exclude", minus + 1);
    }
    return parseAtom().map(Clause.Not::new);
  }

  private Optional<Clause> parseAtom() {
    int start = at;
    int scan = at;
    while (scan < text.length() && isAsciiLetter(text.charAt(scan))) {
      scan++;
    }
    int name = scan;
    if (name > at && name < text.length() && text.charAt(name) == ':') {
      String fieldName = text.substring(at, name).toLowerCase(Locale.ROOT);
      Field field = Field.named(fieldName).orElseThrow(() -> error(
          "unknown field '" + text.substring(start, name) + "'; use " + FIELDS, start + 1));
      at = name + 1;
      if (atEnd() || Character.isWhitespace(peek())) {
        throw error("field '" + fieldName + "' needs a value after the colon", start + 1);
      }
      return parseValue(field, start);
    }
    return parseValue(null, start);
  }

  private Optional<Clause> parseValue(Field field, int start) {
    int valueAt = at;
    boolean phrase = peek() == '"';
    String value = phrase ? readPhrase() : readWord();
    countTerm(start);
    if (field == Field.YEAR) {
      return Optional.of(years(value, valueAt));
    }
    if (field == Field.TYPE || field == Field.LICENSE) {
      if (!phrase && value.endsWith("*")) {
        throw error("'" + field.fieldName() + ":' takes a whole value, not a prefix", at);
      }
      String exact = value.strip().toLowerCase(Locale.ROOT);
      return exact.isEmpty() ? Optional.empty() : Optional.of(new Clause.Exact(field, exact));
    }
    boolean prefix = !phrase && value.endsWith("*");
    String body = prefix ? value.substring(0, value.length() - 1) : value;
    int star = body.indexOf('*');
    if (!phrase && star >= 0) {
      throw error("'*' may only end a word", valueAt + star + 1);
    }
    List<String> words = Lexemes.of(body);
    if (prefix && (words.isEmpty() || words.get(words.size() - 1).length() < MIN_PREFIX)) {
      throw error("a prefix needs at least " + MIN_PREFIX + " letters or digits before '*'", valueAt + 1);
    }
    return words.isEmpty() ? Optional.empty() : Optional.of(new Clause.Words(field, words, prefix));
  }

  private String readPhrase() {
    int open = at;
    int close = text.indexOf('"', open + 1);
    if (close < 0) {
      throw error("the quote opened here is never closed", open + 1);
    }
    at = close + 1;
    if (!atEnd() && !Character.isWhitespace(peek())) {
      throw error("a closing quote must be followed by a space", at + 1);
    }
    return text.substring(open + 1, close);
  }

  private String readWord() {
    int start = at;
    while (!atEnd() && !Character.isWhitespace(peek())) {
      if (peek() == '"') {
        throw error("a quote may only start a term (to search for a phrase, quote all of it)", at + 1);
      }
      at++;
    }
    return text.substring(start, at);
  }

  private Clause years(String value, int valueAt) {
    Matcher matcher = YEARS.matcher(value);
    if (!matcher.matches()) {
      throw error("'year:' takes a year such as 2024 or a range such as 2020..2024", valueAt + 1);
    }
    int from = Integer.parseInt(matcher.group(1));
    int to = matcher.group(2) == null ? from : Integer.parseInt(matcher.group(2));
    if (to < from) {
      throw error("the range's first year must not be after its last", valueAt + 1);
    }
    return new Clause.Years(from, to);
  }

  private void countTerm(int start) {
    if (++terms > SearchQuery.MAX_TERMS) {
      throw error("a query may have at most " + SearchQuery.MAX_TERMS + " terms", start + 1);
    }
  }

  private boolean isKeyword(String keyword) {
    int end = at + keyword.length();
    return text.startsWith(keyword, at) && (end == text.length() || Character.isWhitespace(text.charAt(end)));
  }

  private void skipSpace() {
    while (!atEnd() && Character.isWhitespace(peek())) {
      at++;
    }
  }

  private boolean atEnd() {
    return at >= text.length();
  }

  private char peek() {
    return atEnd() ? '\0' : text.charAt(at);
  }

  private static boolean isAsciiLetter(char c) {
    return (c >= 'a' && c <= 'z') || (c >= 'A' && c <= 'Z');
  }

  private static QuerySyntaxError error(String problem, int position) {
    return new QuerySyntaxError(problem, position);
  }
}
