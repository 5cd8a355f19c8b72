package org.strongroom.records;

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

  /** Every record read parses its stored access, so a plain comparison rather than a stream over values(). */
  static Optional<Access> parse(String value) {
    if (PUBLIC.value.equals(value)) {
      return Optional.of(PUBLIC);
    }
    return RESTRICTED.value.equals(value) ? Optional.of(RESTRICTED) : Optional.empty();
  }
}
