package org.strongroom.search;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.util.stream.Collectors;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.springframework.http.HttpStatus;

/**
 * The search query language as any client may type it into {@code q}: a query the parser
 * refuses is a {@link QuerySyntaxError}, a 400 whose position lies inside the query (or just
 * past its end, or past the length cap); a query it accepts is a tree that, written back in the
 * query language, parses to the same tree. Nothing else is ever thrown. Corpus:
 * {@code SearchQueryFuzzTestsInputs/queries}.
 */
class SearchQueryFuzzTests {

  @FuzzTest(maxDuration = "30s")
  void queries(byte[] input) {
    String text = new String(input, StandardCharsets.UTF_8);
    SearchQuery query;
    try {
      query = SearchQuery.parse(text);
    } catch (QuerySyntaxError refused) {
      assertThat(refused.status()).isEqualTo(HttpStatus.BAD_REQUEST);
      assertThat(refused.position()).isBetween(1, Math.max(text.length(), SearchQuery.MAX_LENGTH) + 1);
      assertThat(refused.getMessage()).startsWith("Invalid query at position " + refused.position() + ": ");
      return;
    }
    if (query.root().isEmpty()) {
      return;
    }
    String written = write(query.root().get());
    if (written.length() <= SearchQuery.MAX_LENGTH) {
      assertThat(SearchQuery.parse(written).root()).as(written).isEqualTo(query.root());
    }
  }

  /** The clause in the query language: the grammar is flat, so no parentheses are needed. */
  static String write(Clause clause) {
    if (clause instanceof Clause.AllOf all) {
      return all.clauses().stream().map(SearchQueryFuzzTests::write).collect(Collectors.joining(" "));
    }
    if (clause instanceof Clause.AnyOf any) {
      return any.clauses().stream().map(SearchQueryFuzzTests::write).collect(Collectors.joining(" OR "));
    }
    if (clause instanceof Clause.Not not) {
      return "-" + write(not.clause());
    }
    if (clause instanceof Clause.Years years) {
      // Four digits, as the language takes them (year:0120 is the year 120).
      String from = String.format("%04d", years.from());
      return "year:" + from + (years.from() == years.to() ? "" : String.format("..%04d", years.to()));
    }
    if (clause instanceof Clause.Exact exact) {
      return exact.field().fieldName() + ":\"" + exact.value() + "\"";
    }
    Clause.Words words = (Clause.Words) clause;
    return (words.field() == null ? "" : words.field().fieldName() + ":")
        + (words.prefix() ? String.join("-", words.words()) + "*" : "\"" + String.join(" ", words.words()) + "\"");
  }
}
