package org.strongroom.core;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.Optional;
import java.util.Set;

/** The scopes a personal access token can carry. */
public enum Scope {
  RECORDS_READ("records:read"),
  RECORDS_WRITE("records:write"),
  FILES_READ("files:read"),
  FILES_WRITE("files:write"),
  USER_READ("user:read"),
  ADMIN("admin");

  private final String value;

  Scope(String value) {
    this.value = value;
  }

  public String value() {
    return value;
  }

  public static Optional<Scope> parse(String value) {
    return Arrays.stream(values()).filter(s -> s.value.equals(value)).findFirst();
  }

  /** Every scope but {@code admin}: what a token gets when none is named. */
  public static Set<Scope> defaults() {
    return EnumSet.complementOf(EnumSet.of(ADMIN));
  }
}
