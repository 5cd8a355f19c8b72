package org.strongroom.cli;

/** One readable line for a failure: no stack trace on the command line. */
final class Failures {

  private Failures() {}

  static String describe(Throwable failure) {
    Throwable cause = failure;
    String message = failure.getMessage();
    while (cause.getCause() != null && cause.getCause() != cause) {
      cause = cause.getCause();
      if (cause.getMessage() != null) {
        message = cause.getMessage();
      }
    }
    if (message != null && message.contains("Database may be already in use")) {
      return "the instance database is in use by a running server; stop it first, or use PostgreSQL "
          + "(strongroom.database.url) to run commands beside a server";
    }
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }
}
