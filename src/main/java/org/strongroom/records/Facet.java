package org.strongroom.records;

import java.util.Locale;
import java.util.Optional;

/**
 * The facets a search can count and filter by: {@code facets=keyword,type} counts, and
 * {@code keyword=ocean&type=dataset} filters (several values of one facet: any of them).
 */
enum Facet {
  KEYWORD("record_keywords.keyword"), TYPE("resource_type"), YEAR("pub_year"), LICENSE("license");

  /** Buckets returned per facet, most frequent first, as Invenio's default terms aggregation. */
  static final int BUCKETS = 10;

  private final String column;

  Facet(String column) {
    this.column = column;
  }

  String parameter() {
    return name().toLowerCase(Locale.ROOT);
  }

  String column() {
    return column;
  }

  static Optional<Facet> named(String name) {
    for (Facet facet : values()) {
      if (facet.parameter().equals(name)) {
        return Optional.of(facet);
      }
    }
    return Optional.empty();
  }
}
