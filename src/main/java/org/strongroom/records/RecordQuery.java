package org.strongroom.records;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.util.ArrayList;
import java.util.Base64;
import java.util.Collections;
import java.util.EnumMap;
import java.util.EnumSet;
import java.util.List;
import java.util.Map;
import java.util.Set;
import java.util.TreeSet;

import org.strongroom.core.ApiException;
import org.strongroom.search.SearchQuery;

/**
 * A validated list request. Bounds follow Invenio: at most 100 a page and only the first
 * 10,000 hits reachable by page number, so no request can ask for an expensive query; a
 * {@code cursor} (keyset paging, {@link SearchCursor}) walks further.
 *
 * @param cursor null to page by number, empty for the first page of a walk by cursor
 */
record RecordQuery(SearchQuery search, Map<Facet, List<String>> filters, Set<Facet> facets,
    RecordSort sort, int page, int size, String cursor) {

  static final int MAX_SIZE = 100;
  static final int DEFAULT_SIZE = 10;
  static final int MAX_WINDOW = 10_000;
  static final int MAX_FILTER_VALUES = 10;
  static final int MAX_FILTER_LENGTH = 200;

  static RecordQuery of(String q, String sort, String page, String size) {
    return of(q, sort, page, size, null, Map.of(), null);
  }

  static RecordQuery of(String q, String sort, String page, String size, String facets,
      Map<String, List<String>> filterParameters, String cursor) {
    SearchQuery search = SearchQuery.parse(q);
    RecordSort order = sort == null || sort.isEmpty()
        ? (search.isEmpty() ? RecordSort.MOSTRECENT : RecordSort.BESTMATCH)
        : RecordSort.parse(sort).orElseThrow(() -> ApiException.badRequest(
            "Invalid sort; use mostrecent, bestmatch or title"));
    int pageNumber = positive("page", page, 1);
    int pageSize = Math.min(positive("size", size, DEFAULT_SIZE), MAX_SIZE);
    if (cursor != null && pageNumber != 1) {
      throw ApiException.badRequest("Use either 'page' or 'cursor', not both");
    }
    if (cursor == null && (long) pageNumber * pageSize > MAX_WINDOW) {
      throw ApiException.badRequest("Only the first " + MAX_WINDOW + " results can be paged through "
          + "by number; refine the query, or follow links.next (a cursor) to walk all of them");
    }
    return new RecordQuery(search, filters(filterParameters), facets(facets), order, pageNumber,
        pageSize, cursor);
  }

  String q() {
    return search.text();
  }

  int offset() {
    return (page - 1) * size;
  }

  /** What a cursor is bound to: the same query, filters and order (not the page size). */
  String fingerprint() {
    StringBuilder text = new StringBuilder(sort.value()).append('\0').append(q());
    filters.forEach((facet, values) -> text.append('\0').append(facet.parameter()).append('=')
        .append(String.join("\u0001", values)));
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(text.toString().getBytes(StandardCharsets.UTF_8));
      return Base64.getUrlEncoder().withoutPadding().encodeToString(java.util.Arrays.copyOf(digest, 12));
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  private static Map<Facet, List<String>> filters(Map<String, List<String>> parameters) {
    Map<Facet, List<String>> filters = new EnumMap<>(Facet.class);
    for (Facet facet : Facet.values()) {
      List<String> given = parameters.getOrDefault(facet.parameter(), List.of());
      if (given.isEmpty()) {
        continue;
      }
      if (given.size() > MAX_FILTER_VALUES) {
        throw ApiException.badRequest("Parameter '" + facet.parameter() + "' may be given at most "
            + MAX_FILTER_VALUES + " times");
      }
      TreeSet<String> values = new TreeSet<>();
      for (String value : given) {
        String key = SearchDocument.facetKey(value);
        if (key.isEmpty() || key.length() > MAX_FILTER_LENGTH
            || key.chars().anyMatch(Character::isISOControl)) {
          throw ApiException.badRequest("Parameter '" + facet.parameter() + "' must be 1 to "
              + MAX_FILTER_LENGTH + " characters without control characters");
        }
        if (facet == Facet.YEAR && !key.matches("\\d{4}")) {
          throw ApiException.badRequest("Parameter 'year' must be a year such as 2024");
        }
        values.add(key);
      }
      filters.put(facet, new ArrayList<>(values));
    }
    return Collections.unmodifiableMap(filters);
  }

  private static Set<Facet> facets(String names) {
    Set<Facet> facets = EnumSet.noneOf(Facet.class);
    if (names == null || names.isBlank()) {
      return facets;
    }
    for (String name : names.split(",", -1)) {
      facets.add(Facet.named(name.strip()).orElseThrow(() -> ApiException.badRequest(
          "Unknown facet in 'facets'; use keyword, type, year or license, separated by commas")));
    }
    return facets;
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
