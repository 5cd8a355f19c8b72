package org.strongroom.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.search.Clause;
import org.strongroom.search.Field;

/**
 * H2 search: each text field's words are stored space-separated with a space at either end
 * ({@code " deep ocean heat "}), so a word is {@code like '% ocean %'}, a phrase
 * {@code like '% deep ocean %'} and a prefix {@code like '% oce%'}: the same words, phrases
 * and prefixes as PostgreSQL's tsvector, without its index. Words contain only letters and
 * digits, so they hold no LIKE wildcard. Ranking is simpler than ts_rank_cd: the sum over the
 * wanted words of the best field they occur in (title 10, contributors and keywords 4,
 * description 2), however often they occur there.
 */
final class H2Search implements SearchDialect {

  private static final String[] COLUMNS = {"terms_title", "terms_contributors", "terms_keywords", "terms_description"};
  private static final int[] SCORES = {10, 4, 4, 2};

  @Override
  public void writeWords(JdbcClient jdbc, String id, SearchDocument document) {
    jdbc.sql("""
        update records set terms_title = :title, terms_contributors = :contributors,
          terms_keywords = :keywords, terms_description = :description where id = :id""")
        .param("title", padded(document.title())).param("contributors", padded(document.contributors()))
        .param("keywords", padded(document.keywordWords())).param("description", padded(document.description()))
        .param("id", id).update();
  }

  private static String padded(String words) {
    return " " + words + " ";
  }

  @Override
  public String words(Clause.Words words, Map<String, Object> params) {
    String pattern = SearchDialect.param(params, pattern(words));
    List<String> any = new ArrayList<>();
    for (String column : columns(words.field())) {
      any.add(column + " like " + pattern);
    }
    return any.size() == 1 ? any.get(0) : "(" + String.join(" or ", any) + ")";
  }

  @Override
  public String rank(List<Clause.Words> wanted, Map<String, Object> params) {
    if (wanted.isEmpty()) {
      return "cast(0 as real)";
    }
    List<String> sum = new ArrayList<>();
    for (Clause.Words words : wanted) {
      String pattern = SearchDialect.param(params, pattern(words));
      StringBuilder best = new StringBuilder("case");
      for (int i = 0; i < COLUMNS.length; i++) {
        if (words.field() == null || COLUMNS[i].equals(column(words.field()))) {
          best.append(" when ").append(COLUMNS[i]).append(" like ").append(pattern)
              .append(" then ").append(SCORES[i]);
        }
      }
      sum.add(best.append(" else 0 end").toString());
    }
    return "cast(" + String.join(" + ", sum) + " as real)";
  }

  @Override
  public List<String> timeoutStatements(long millis) {
    return List.of("set query_timeout " + millis);
  }

  @Override
  public List<String> resetStatements() {
    return List.of("set query_timeout 0");
  }

  private static String pattern(Clause.Words words) {
    return "% " + String.join(" ", words.words()) + (words.prefix() ? "%" : " %");
  }

  private static List<String> columns(Field field) {
    return field == null ? List.of(COLUMNS) : List.of(column(field));
  }

  private static String column(Field field) {
    return switch (field) {
      case TITLE -> "terms_title";
      case CONTRIBUTOR -> "terms_contributors";
      case KEYWORD -> "terms_keywords";
      case DESCRIPTION -> "terms_description";
      default -> throw new IllegalArgumentException(field + " is not a text field");
    };
  }
}
