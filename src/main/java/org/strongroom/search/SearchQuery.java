package org.strongroom.search;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

/**
 * A {@code q} parameter parsed into a tree of {@link Clause}s (SPEC §15). Databases are given
 * this tree, never the text: each builds its own SQL from it with bound values.
 *
 * @param text the query as given
 * @param root what must match; empty when the query asks for everything
 */
public record SearchQuery(String text, Optional<Clause> root) {

  /** Longest query accepted, in characters. */
  public static final int MAX_LENGTH = 500;
  /** Most words, phrases and field values in one query. */
  public static final int MAX_TERMS = 20;

  public static final SearchQuery EVERYTHING = new SearchQuery("", Optional.empty());

  /** Parses a query; throws {@link QuerySyntaxError} (400, with the position) when it cannot. */
  public static SearchQuery parse(String text) {
    if (text == null || text.isBlank()) {
      return EVERYTHING;
    }
    return new SearchQuery(text, new QueryParser(text).parse());
  }

  public boolean isEmpty() {
    return root.isEmpty();
  }

  /** The words a hit must or may contain (not those under a {@code -}): for ranking and marking. */
  public List<Clause.Words> wanted() {
    List<Clause.Words> words = new ArrayList<>();
    root.ifPresent(clause -> collect(clause, words));
    return words;
  }

  private static void collect(Clause clause, List<Clause.Words> into) {
    if (clause instanceof Clause.Words words) {
      into.add(words);
    } else if (clause instanceof Clause.AllOf all) {
      all.clauses().forEach(c -> collect(c, into));
    } else if (clause instanceof Clause.AnyOf any) {
      any.clauses().forEach(c -> collect(c, into));
    }
  }
}
