package org.strongroom.search;

import java.util.Locale;
import java.util.Optional;

/** The fields a query may name, as in {@code title:ocean}. */
public enum Field {
  TITLE, CONTRIBUTOR, KEYWORD, DESCRIPTION, TYPE, LICENSE, YEAR;

  static Optional<Field> named(String name) {
    for (Field field : values()) {
      if (field.fieldName().equals(name)) {
        return Optional.of(field);
      }
    }
    return Optional.empty();
  }

  public String fieldName() {
    return name().toLowerCase(Locale.ROOT);
  }

  /** Whether the field holds text searched word by word (the others hold one value). */
  public boolean isText() {
    return this == TITLE || this == CONTRIBUTOR || this == KEYWORD || this == DESCRIPTION;
  }
}
