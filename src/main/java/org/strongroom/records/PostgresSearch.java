package org.strongroom.records;

import java.util.ArrayList;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.strongroom.search.Clause;
import org.strongroom.search.Field;
import org.strongroom.search.Lexemes;
import org.strongroom.search.SearchQuery;

/**
 * PostgreSQL full-text search: one tsvector per record and a GIN index, ts_rank_cd for
 * {@code bestmatch}. The words come already folded by {@link Lexemes}; the configured
 * text-search configuration only stems and drops stop words.
 *
 * <p>Every lexeme carries its field in the lexeme itself ({@code a~ocean}: title, {@code b~}
 * contributors, {@code c~} description, {@code d~} keywords), with its positions and the field's
 * weight (A-D) for ts_rank_cd. A field query, or a word in any field, is then a plain lexeme
 * match, which GIN answers exactly. With the field only in the weight label, PostgreSQL re-read
 * the row of every record holding the word in any field to check the label. Each pair of
 * neighbouring words of a field is a lexeme too ({@code a=deep~ocean}), so a two-word phrase is
 * one exact lexeme match and a longer one is checked by position only among the records holding
 * all its pairs: checking the positions of two common words re-read most of the table.
 *
 * <p>A tsquery is built here from the query's words alone (letters and digits, checked again
 * below), so nothing of the user's text reaches PostgreSQL as query syntax. to_tsquery stems
 * them as the index did; its output (quoted lexemes and our operators) then gets the prefixes.
 */
final class PostgresSearch implements SearchDialect {

  /** {D, C, B, A}: keywords (D) count as contributors (B). */
  private static final String WEIGHTS = "'{0.4, 0.2, 0.4, 1.0}'";
  /** The field prefixes, the weight labels in lower case: title, contributors, description, keywords. */
  private static final List<String> FIELDS = List.of("a", "b", "c", "d");
  /** SQL literals: a quoted lexeme of to_tsquery's output; two of them side by side and nothing else. */
  private static final String LEXEME = "'''([^'']+)'''";
  private static final String PAIR = "'^''([^'']+)'' <-> ''([^'']+)''$'";

  private final String config;
  /** Only {@code simple} makes a plain word exactly one lexeme, the postings' term. */
  private final boolean simple;
  private final boolean postings;

  /** @param language a validated configuration name ({@code SearchProperties}), safe to inline */
  PostgresSearch(String language) {
    this(language, true);
  }

  /** @param postings false before V120 made {@code search_postings} (the V92 backfill) */
  PostgresSearch(String language, boolean postings) {
    this.config = "'" + language + "'::regconfig";
    this.simple = language.equals("simple");
    this.postings = postings;
  }

  @Override
  public void writeWords(JdbcClient jdbc, String id, SearchDocument document) {
    Runnable vector = () -> jdbc.sql("update records set search_vector = " + fielded(weightedSql()) + " where id = :id")
        .param("title", document.title()).param("contributors", document.contributors())
        .param("description", document.description()).param("keywords", document.keywordWords())
        .param("id", id).update();
    if (postings) {
      PostgresPostings.rewrite(jdbc, id, vector);
    } else {
      vector.run();
    }
  }

  @Override
  public void removeWords(JdbcClient jdbc, String id) {
    if (postings) {
      PostgresPostings.remove(jdbc, id);
    }
  }

  @Override
  public List<FacetCounts.Key> counted(JdbcClient jdbc, String id) {
    if (!postings) {
      return List.of();
    }
    jdbc.sql("select id from records where id = :id for update").param("id", id).query(String.class).list();
    return FacetCounts.state(jdbc, id);
  }

  @Override
  public void recount(JdbcClient jdbc, String id, List<FacetCounts.Key> before) {
    if (postings) {
      FacetCounts.update(jdbc, id, before);
    }
  }

  @Override
  public boolean keepsCounts() {
    return postings;
  }

  @Override
  public Optional<String> matches(RecordStore.Visibility visibility, SearchQuery search,
      Map<Facet, List<String>> filters, RecordSort sort, Map<String, Object> params) {
    if (!postings || !simple || sort == RecordSort.TITLE) {
      return Optional.empty();
    }
    return PostgresPostings.terms(search).map(terms -> PostgresPostings.matches(terms, visibility, filters, params));
  }

  @Override
  public Optional<PostgresPostings.Ranked> ranked(RecordStore.Visibility visibility, SearchQuery search,
      Map<Facet, List<String>> filters, RecordSort sort, Map<String, Object> params) {
    if (!postings || !simple) {
      return Optional.empty();
    }
    return PostgresPostings.terms(search)
        .flatMap(terms -> PostgresPostings.ranked(terms, visibility, filters, sort, params));
  }

  @Override
  public Optional<List<String>> wordSets(SearchQuery search, Map<Facet, List<String>> filters, RecordSort sort) {
    if (!postings || !simple) {
      return Optional.empty();
    }
    return PostgresPostings.terms(search).flatMap(terms -> PostgresPostings.words(terms, filters, sort));
  }

  /** The words of each field with their positions, the field in the weight label. */
  String weightedSql() {
    return "setweight(to_tsvector(" + config + ", :title), 'A')"
        + " || setweight(to_tsvector(" + config + ", :contributors), 'B')"
        + " || setweight(to_tsvector(" + config + ", :description), 'C')"
        + " || setweight(to_tsvector(" + config + ", :keywords), 'D')";
  }

  /**
   * The stored vector made from a weighted one ({@link #weightedSql}): each lexeme prefixed with
   * its field, positions and weights kept, and a lexeme per pair of neighbouring words of a
   * field. V110 converts the vectors stored before with it.
   */
  static String fielded(String weighted) {
    return "(with w as (select (" + weighted + ") as v),"
        + " p as (select u.lexeme, x.pos, x.weight from w, unnest(w.v) u,"
        + " unnest(u.positions, u.weights) as x(pos, weight))"
        + " select coalesce(string_agg(e.entry, ' '), '')::tsvector from ("
        + "select quote_literal(lower(weight) || '~' || lexeme) || ':'"
        + " || string_agg(pos || weight, ',' order by pos) as entry from p group by weight, lexeme"
        + " union all select distinct quote_literal(lower(a.weight) || '=' || a.lexeme || '~' || b.lexeme)"
        + " from p a join p b on b.pos = a.pos + 1 and b.weight = a.weight) e)";
  }

  @Override
  public String words(Clause.Words words, Map<String, Object> params) {
    return match(query(words, params));
  }

  @Override
  public Optional<String> whole(Clause clause, Map<String, Object> params) {
    return textOnly(clause, params).map(PostgresSearch::match);
  }

  @Override
  public String rank(List<Clause.Words> wanted, Map<String, Object> params) {
    if (wanted.isEmpty()) {
      return "cast(0 as real)";
    }
    List<String> any = new ArrayList<>();
    for (Clause.Words words : wanted) {
      any.add(query(words, params));
    }
    return "ts_rank_cd(" + WEIGHTS + ", search_vector, " + String.join(" || ", any) + ")";
  }

  @Override
  public boolean totalWithPage() {
    return true;
  }

  @Override
  public List<String> timeoutStatements(long millis) {
    // JIT compiling a search's plan took longer than running it (JIT is for long analytic queries).
    return List.of("set local statement_timeout = " + millis, "set local jit = off");
  }

  @Override
  public List<String> resetStatements() {
    return List.of();
  }

  private static String match(String tsquery) {
    return "search_vector @@ " + tsquery;
  }

  /** The clause as one tsquery expression when it holds only words (and NOT, OR, AND of them). */
  private Optional<String> textOnly(Clause clause, Map<String, Object> params) {
    if (clause instanceof Clause.Words words) {
      return Optional.of(query(words, params));
    }
    if (clause instanceof Clause.Not not) {
      return textOnly(not.clause(), params).map(q -> "(!! " + q + ")");
    }
    List<Clause> parts = clause instanceof Clause.AllOf all ? all.clauses()
        : clause instanceof Clause.AnyOf any ? any.clauses() : null;
    if (parts == null) {
      return Optional.empty();
    }
    List<String> queries = new ArrayList<>();
    for (Clause part : parts) {
      Optional<String> query = textOnly(part, params);
      if (query.isEmpty()) {
        return Optional.empty();
      }
      queries.add(query.get());
    }
    return Optional.of("(" + String.join(clause instanceof Clause.AllOf ? " && " : " || ", queries) + ")");
  }

  /**
   * A tsquery expression for the words in their field, or in any field: one alternative per
   * field, so that a phrase lies within one field, as on H2.
   */
  String query(Clause.Words words, Map<String, Object> params) {
    int last = words.words().size() - 1;
    boolean onePair = last == 1 && !words.prefix();
    String all = onePair ? null : SearchDialect.param(params, tsquery(words));
    List<String> pairs = new ArrayList<>();
    for (int i = 0; i < last; i++) {
      if (!(words.prefix() && i + 1 == last)) {
        Clause.Words two = new Clause.Words(null, words.words().subList(i, i + 2), false);
        pairs.add(SearchDialect.param(params, tsquery(two)));
      }
    }
    List<String> each = new ArrayList<>();
    for (String field : words.field() == null ? FIELDS : List.of(prefix(words.field()))) {
      List<String> parts = new ArrayList<>();
      pairs.forEach(pair -> parts.add(pair(pair, field)));
      if (!onePair) {
        parts.add(prefixed(all, field));
      }
      each.add(parts.size() == 1 ? parts.get(0) : "(" + String.join(" && ", parts) + ")");
    }
    return each.size() == 1 ? each.get(0) : "(" + String.join(" || ", each) + ")";
  }

  /** to_tsquery's output with the field prefix on every lexeme. */
  private String prefixed(String param, String field) {
    return "cast(regexp_replace(cast(to_tsquery(" + config + ", " + param + ") as text), " + LEXEME
        + ", '''" + field + "~\\1''', 'g') as tsquery)";
  }

  /**
   * Two neighbouring words as their pair's lexeme; as the two words by position when stemming
   * dropped one of them or left a gap (a stop word between them).
   */
  private String pair(String param, String field) {
    String text = "cast(to_tsquery(" + config + ", " + param + ") as text)";
    return "cast(case when " + text + " ~ " + PAIR + " then regexp_replace(" + text + ", " + PAIR
        + ", '''" + field + "=\\1~\\2''') else regexp_replace(" + text + ", " + LEXEME + ", '''"
        + field + "~\\1''', 'g') end as tsquery)";
  }

  /** {@code 'ocean'}, {@code 'deep' <-> 'oce':*}: the words for to_tsquery, checked to be words. */
  static String tsquery(Clause.Words words) {
    List<String> lexemes = new ArrayList<>();
    for (int i = 0; i < words.words().size(); i++) {
      String word = words.words().get(i);
      if (!Lexemes.isWord(word)) {
        throw new IllegalArgumentException("Not a lexeme");
      }
      boolean prefix = words.prefix() && i == words.words().size() - 1;
      lexemes.add("'" + word + "'" + (prefix ? ":*" : ""));
    }
    return String.join(" <-> ", lexemes);
  }

  static String prefix(Field field) {
    return switch (field) {
      case TITLE -> "a";
      case CONTRIBUTOR -> "b";
      case DESCRIPTION -> "c";
      case KEYWORD -> "d";
      default -> throw new IllegalArgumentException(field + " is not a text field");
    };
  }
}
