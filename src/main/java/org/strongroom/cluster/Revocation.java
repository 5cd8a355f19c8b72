package org.strongroom.cluster;

/**
 * Something that must stop working at once on every instance: a token (revoked), a user
 * (disabled, demoted, signed out everywhere), or the cached copy of a record (changed or
 * deleted). Announced with {@link Revocations#announce}; received on each instance as an
 * application event of this type.
 */
public record Revocation(Kind kind, String id) {

  public enum Kind { TOKEN, USER, RECORD }

  public Revocation {
    if (kind == null || id == null || id.isBlank() || id.contains(":")) {
      throw new IllegalArgumentException("A revocation needs a kind and an id without ':'");
    }
  }

  public static Revocation token(String tokenId) {
    return new Revocation(Kind.TOKEN, tokenId);
  }

  public static Revocation user(long userId) {
    return new Revocation(Kind.USER, Long.toString(userId));
  }

  public static Revocation record(String recordId) {
    return new Revocation(Kind.RECORD, recordId);
  }

  String message() {
    return kind.name() + ":" + id;
  }

  static Revocation parse(String message) {
    int colon = message.indexOf(':');
    if (colon < 0) {
      throw new IllegalArgumentException("Not a revocation: " + message);
    }
    return new Revocation(Kind.valueOf(message.substring(0, colon)), message.substring(colon + 1));
  }
}
