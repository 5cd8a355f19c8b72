package org.strongroom.search;

import java.util.List;

/** A node of a parsed query. */
public sealed interface Clause {

  /**
   * Words that must appear one after the other (one word, or a phrase), in one text field or in
   * any ({@code field} null). With {@code prefix} the last word may be the start of a longer one.
   */
  record Words(Field field, List<String> words, boolean prefix) implements Clause {
    public Words {
      words = List.copyOf(words);
    }
  }

  /** {@code type:} or {@code license:}, matched whole, folded to lower case. */
  record Exact(Field field, String value) implements Clause {}

  /** {@code year:2024} ({@code from == to}) or {@code year:2020..2024}. */
  record Years(int from, int to) implements Clause {}

  record Not(Clause clause) implements Clause {}

  /** Any of the clauses ({@code OR}). */
  record AnyOf(List<Clause> clauses) implements Clause {
    public AnyOf {
      clauses = List.copyOf(clauses);
    }
  }

  /** All of the clauses (words side by side). */
  record AllOf(List<Clause> clauses) implements Clause {
    public AllOf {
      clauses = List.copyOf(clauses);
    }
  }
}
