package org.strongroom.records;

import java.util.Locale;
import java.util.Optional;

/** The orders a record list may be sorted in. */
enum RecordSort {
  MOSTRECENT, BESTMATCH, TITLE;

  static Optional<RecordSort> parse(String value) {
    for (RecordSort sort : values()) {
      if (sort.name().toLowerCase(Locale.ROOT).equals(value)) {
        return Optional.of(sort);
      }
    }
    return Optional.empty();
  }

  String value() {
    return name().toLowerCase(Locale.ROOT);
  }
}
