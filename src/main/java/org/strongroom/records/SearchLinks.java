package org.strongroom.records;

import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.EnumMap;
import java.util.List;
import java.util.Map;

import org.springframework.web.util.UriUtils;

/**
 * Links of the search page that keep the query, order and filters: to another page, and to
 * the same search with one facet value added as a filter or taken away.
 */
final class SearchLinks {

  record FacetView(String name, List<BucketView> buckets) {}

  record BucketView(String key, long count, boolean selected, String href) {}

  record FilterView(String facet, String value, String removeHref) {}

  private final RecordQuery query;

  SearchLinks(RecordQuery query) {
    this.query = query;
  }

  String page(int page) {
    return href(query.filters()) + "&page=" + page;
  }

  List<FacetView> facets(Map<Facet, List<RecordStore.Bucket>> aggregations) {
    List<FacetView> views = new ArrayList<>();
    aggregations.forEach((facet, buckets) -> {
      if (buckets.isEmpty()) {
        return;
      }
      List<String> chosen = query.filters().getOrDefault(facet, List.of());
      views.add(new FacetView(facet.parameter(), buckets.stream().map(bucket -> {
        boolean selected = chosen.contains(bucket.key());
        return new BucketView(bucket.key(), bucket.docCount(), selected,
            href(selected ? without(facet, bucket.key()) : with(facet, bucket.key())));
      }).toList()));
    });
    return views;
  }

  List<FilterView> activeFilters() {
    List<FilterView> views = new ArrayList<>();
    query.filters().forEach((facet, values) -> values.forEach(value ->
        views.add(new FilterView(facet.parameter(), value, href(without(facet, value))))));
    return views;
  }

  private Map<Facet, List<String>> with(Facet facet, String value) {
    Map<Facet, List<String>> filters = copy();
    filters.computeIfAbsent(facet, f -> new ArrayList<>()).add(value);
    return filters;
  }

  private Map<Facet, List<String>> without(Facet facet, String value) {
    Map<Facet, List<String>> filters = copy();
    filters.get(facet).remove(value);
    return filters;
  }

  private Map<Facet, List<String>> copy() {
    Map<Facet, List<String>> filters = new EnumMap<>(Facet.class);
    query.filters().forEach((facet, values) -> filters.put(facet, new ArrayList<>(values)));
    return filters;
  }

  /** Every value percent-encoded, '+' included (the container would read it as a space). */
  private String href(Map<Facet, List<String>> filters) {
    StringBuilder href = new StringBuilder("/records/?q=").append(encode(query.q()))
        .append("&sort=").append(query.sort().value());
    filters.forEach((facet, values) -> values.forEach(value ->
        href.append('&').append(facet.parameter()).append('=').append(encode(value))));
    return href.toString();
  }

  private static String encode(String value) {
    return UriUtils.encode(value, StandardCharsets.UTF_8);
  }
}
