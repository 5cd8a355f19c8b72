package org.strongroom.records;

import java.util.Arrays;
import java.util.List;

import org.strongroom.core.ApiException;

/**
 * A validated list request. Bounds follow Invenio: at most 100 a page and only the first
 * 10,000 hits reachable by paging, so no request can ask for an expensive query.
 */
record RecordQuery(String q, List<String> terms, RecordSort sort, int page, int size) {

  static final int MAX_SIZE = 100;
  static final int DEFAULT_SIZE = 10;
  static final int MAX_WINDOW = 10_000;
  static final int MAX_QUERY_LENGTH = 500;
  static final int MAX_TERMS = 10;

  static RecordQuery of(String q, String sort, String page, String size) {
    String query = q == null ? "" : q.strip();
    if (query.length() > MAX_QUERY_LENGTH) {
      throw ApiException.badRequest("Query must be at most " + MAX_QUERY_LENGTH + " characters");
    }
    List<String> terms = Arrays.stream(Records.fold(query).split("\\s+"))
        .filter(t -> !t.isEmpty()).toList();
    if (terms.size() > MAX_TERMS) {
      throw ApiException.badRequest("Query must have at most " + MAX_TERMS + " words");
    }
    RecordSort order = sort == null || sort.isEmpty()
        ? (terms.isEmpty() ? RecordSort.MOSTRECENT : RecordSort.BESTMATCH)
        : RecordSort.parse(sort).orElseThrow(() -> ApiException.badRequest(
            "Invalid sort; use mostrecent, bestmatch or title"));
    int pageNumber = positive("page", page, 1);
    int pageSize = Math.min(positive("size", size, DEFAULT_SIZE), MAX_SIZE);
    if ((long) pageNumber * pageSize > MAX_WINDOW) {
      throw ApiException.badRequest("Only the first " + MAX_WINDOW + " results can be paged through; refine the query");
    }
    return new RecordQuery(query, terms, order, pageNumber, pageSize);
  }

  int offset() {
    return (page - 1) * size;
  }

  private static int positive(String name, String value, int fallback) {
    if (value == null || value.isEmpty()) {
      return fallback;
    }
    try {
      int parsed = Integer.parseInt(value);
      if (parsed >= 1) {
        return parsed;
      }
    } catch (NumberFormatException e) {
      // reported below
    }
    throw ApiException.badRequest("Parameter '" + name + "' must be a whole number of at least 1");
  }
}
