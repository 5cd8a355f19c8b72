package org.strongroom.records;

import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.strongroom.search.Clause;

/**
 * How one database indexes a record's words and matches and ranks a query's words. Everything
 * else of a search (visibility, fields with one value, filters, order, facets) is plain SQL,
 * the same on both ({@link SearchSql}).
 */
interface SearchDialect {

  /** Stores the document's words for the record (its other search columns are written by the caller). */
  void writeWords(org.springframework.jdbc.core.simple.JdbcClient jdbc, String id, SearchDocument document);

  /** What the record counts for in maintained counts, if the database keeps them (locks the record's row). */
  default List<FacetCounts.Key> counted(org.springframework.jdbc.core.simple.JdbcClient jdbc, String id) {
    return List.of();
  }

  /** Updates maintained counts from what the record counted for {@code before} its change. */
  default void recount(org.springframework.jdbc.core.simple.JdbcClient jdbc, String id, List<FacetCounts.Key> before) {}

  /** Whether a list without query or filter reads its total and facets from {@link FacetCounts}. */
  default boolean keepsCounts() {
    return false;
  }

  /** Forgets a deleted record's words (its row stays, marked deleted), if they are kept apart from it. */
  default void removeWords(org.springframework.jdbc.core.simple.JdbcClient jdbc, String id) {}

  /**
   * The SQL of the matching records the caller may see (columns id, created, score,
   * resource_type, license, pub_year), when the database can answer the whole query and
   * filters without reading the records (PostgreSQL's postings); empty to match on the records.
   */
  default Optional<String> matches(RecordStore.Visibility visibility, org.strongroom.search.SearchQuery search,
      Map<Facet, List<String>> filters, RecordSort sort, Map<String, Object> params) {
    return Optional.empty();
  }

  /**
   * A one-term query the database can total and page without reading every match
   * (PostgreSQL's document frequencies and rank index); its facets still come from
   * {@link #matches}. Empty otherwise.
   */
  default Optional<PostgresPostings.Ranked> ranked(RecordStore.Visibility visibility,
      org.strongroom.search.SearchQuery search, Map<Facet, List<String>> filters, RecordSort sort,
      Map<String, Object> params) {
    return Optional.empty();
  }

  /**
   * The words of a query of several words the database can total and page from its word sets
   * ({@link WordSetSearch}, PostgreSQL) without joining every match's postings; its facets still
   * come from {@link #matches}. Empty otherwise.
   */
  default Optional<List<String>> wordSets(org.strongroom.search.SearchQuery search, Map<Facet, List<String>> filters,
      RecordSort sort) {
    return Optional.empty();
  }

  /** A condition matching the words, with its values added to {@code params}. */
  String words(Clause.Words words, Map<String, Object> params);

  /**
   * One condition for a whole clause when the database can match it in one step (PostgreSQL:
   * one tsquery for a tree of words), or empty to build it clause by clause.
   */
  default Optional<String> whole(Clause clause, Map<String, Object> params) {
    return Optional.empty();
  }

  /** A score for the order {@code bestmatch}: higher is better; a constant when nothing is wanted. */
  String rank(List<Clause.Words> wanted, Map<String, Object> params);

  /** Whether a search's total and page are one statement ({@link SearchSql#totalAndPage}). */
  default boolean totalWithPage() {
    return false;
  }

  /** The SQL that makes the statements of this transaction give up after the timeout. */
  List<String> timeoutStatements(long millis);

  /** Undoes {@link #timeoutStatements} before the connection goes back to the pool, if needed. */
  List<String> resetStatements();

  static String param(Map<String, Object> params, Object value) {
    String name = "p" + params.size();
    params.put(name, value);
    return ":" + name;
  }
}
