package org.strongroom.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.search.Clause;
import org.strongroom.search.Field;
import org.strongroom.search.Lexemes;

/**
 * PostgreSQL full-text search: one weighted tsvector per record (title A, contributors B,
 * description C, keywords D, ranked as B: field queries need the four labels apart, the ranking
 * weights D as B), a GIN index, ts_rank_cd for {@code bestmatch}. The words come already folded
 * by {@link Lexemes}; the configured text-search configuration only stems and drops stop words.
 * A tsquery is built here from those words alone (letters and digits, checked again below), so
 * nothing of the user's text reaches PostgreSQL as query syntax.
 */
final class PostgresSearch implements SearchDialect {

  /** {D, C, B, A}: keywords (D) count as contributors (B). */
  private static final String WEIGHTS = "'{0.4, 0.2, 0.4, 1.0}'";
  private static final String[] LABELS = {"A", "B", "C", "D"};

  private final String config;

  /** @param language a validated configuration name ({@code SearchProperties}), safe to inline */
  PostgresSearch(String language) {
    this.config = "'" + language + "'::regconfig";
  }

  @Override
  public void writeWords(JdbcClient jdbc, String id, SearchDocument document) {
    jdbc.sql("update records set search_vector = " + vectorSql() + " where id = :id")
        .param("title", document.title()).param("contributors", document.contributors())
        .param("description", document.description()).param("keywords", document.keywordWords())
        .param("id", id).update();
  }

  String vectorSql() {
    return "setweight(to_tsvector(" + config + ", :title), 'A')"
        + " || setweight(to_tsvector(" + config + ", :contributors), 'B')"
        + " || setweight(to_tsvector(" + config + ", :description), 'C')"
        + " || setweight(to_tsvector(" + config + ", :keywords), 'D')";
  }

  @Override
  public String words(Clause.Words words, Map<String, Object> params) {
    return match(tsquery(words), params);
  }

  @Override
  public Optional<String> whole(Clause clause, Map<String, Object> params) {
    return textOnly(clause).map(query -> match(query, params));
  }

  @Override
  public String rank(List<Clause.Words> wanted, Map<String, Object> params) {
    if (wanted.isEmpty()) {
      return "cast(0 as real)";
    }
    List<String> any = wanted.stream().map(PostgresSearch::tsquery).toList();
    return "ts_rank_cd(" + WEIGHTS + ", search_vector, to_tsquery(" + config + ", "
        + SearchDialect.param(params, String.join(" | ", any)) + "))";
  }

  @Override
  public List<String> timeoutStatements(long millis) {
    return List.of("set local statement_timeout = " + millis);
  }

  @Override
  public List<String> resetStatements() {
    return List.of();
  }

  private String match(String tsquery, Map<String, Object> params) {
    return "search_vector @@ to_tsquery(" + config + ", " + SearchDialect.param(params, tsquery) + ")";
  }

  /** The clause as one tsquery when it holds only words (and NOT, OR, AND of them). */
  private static Optional<String> textOnly(Clause clause) {
    if (clause instanceof Clause.Words words) {
      return Optional.of(tsquery(words));
    }
    if (clause instanceof Clause.Not not) {
      return textOnly(not.clause()).map(q -> "!" + q);
    }
    List<Clause> parts = clause instanceof Clause.AllOf all ? all.clauses()
        : clause instanceof Clause.AnyOf any ? any.clauses() : null;
    if (parts == null) {
      return Optional.empty();
    }
    List<String> queries = new ArrayList<>();
    for (Clause part : parts) {
      Optional<String> query = textOnly(part);
      if (query.isEmpty()) {
        return Optional.empty();
      }
      queries.add(query.get());
    }
    return Optional.of("(" + String.join(clause instanceof Clause.AllOf ? " & " : " | ", queries) + ")");
  }

  /**
   * {@code 'ocean'}, {@code ('deep' <-> 'oce':*)}, with the field's label on every word. A phrase
   * in no field must lie within one field, as on H2: one alternative per label.
   */
  static String tsquery(Clause.Words words) {
    if (words.field() != null) {
      return sequence(words, label(words.field()));
    }
    if (words.words().size() == 1) {
      return sequence(words, "");
    }
    List<String> each = new ArrayList<>();
    for (String label : LABELS) {
      each.add(sequence(words, label));
    }
    return "(" + String.join(" | ", each) + ")";
  }

  private static String sequence(Clause.Words words, String label) {
    List<String> lexemes = new ArrayList<>();
    for (int i = 0; i < words.words().size(); i++) {
      String word = words.words().get(i);
      if (!Lexemes.isWord(word)) {
        throw new IllegalArgumentException("Not a lexeme");
      }
      boolean prefix = words.prefix() && i == words.words().size() - 1;
      String suffix = prefix || !label.isEmpty() ? ":" + (prefix ? "*" : "") + label : "";
      lexemes.add("'" + word + "'" + suffix);
    }
    return lexemes.size() == 1 ? lexemes.get(0) : "(" + String.join(" <-> ", lexemes) + ")";
  }

  private static String label(Field field) {
    return switch (field) {
      case TITLE -> "A";
      case CONTRIBUTOR -> "B";
      case DESCRIPTION -> "C";
      case KEYWORD -> "D";
      default -> throw new IllegalArgumentException(field + " is not a text field");
    };
  }
}
