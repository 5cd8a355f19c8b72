package org.strongroom.ratelimit;

/** The classes of caller, each with its own bands. */
enum LimitClass {
  /** Callers without a user, keyed by client address. */
  ANONYMOUS("anonymous"),
  /** Signed-in users and token holders, keyed by user id. */
  AUTHENTICATED("authenticated"),
  /** Login, password and MFA forms and failed token authentication, keyed by client address. */
  LOGIN("login");

  private final String key;

  LimitClass(String key) {
    this.key = key;
  }

  /** The configuration key suffix and the Redis key segment. */
  String key() {
    return key;
  }
}
