package org.strongroom.records;

import java.util.Arrays;
import java.util.Optional;

/** Who may see a record: everyone, or only its owner and superusers. */
enum Access {
  PUBLIC("public"), RESTRICTED("restricted");

  private final String value;

  Access(String value) {
    this.value = value;
  }

  String value() {
    return value;
  }

  static Optional<Access> parse(String value) {
    return Arrays.stream(values()).filter(a -> a.value.equals(value)).findFirst();
  }
}
