package org.strongroom.tokens;

import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.stream.Collectors;

import org.strongroom.core.Scope;

/** A token as the pages show it: text ready to print, never the secret. */
record TokenRow(String id, String name, String owner, String scopes, String networks, String created,
    String expires, String lastUsed, String status) {

  private static final DateTimeFormatter TIME = DateTimeFormatter.ofPattern("yyyy-MM-dd HH:mm 'UTC'")
      .withZone(ZoneOffset.UTC);

  static TokenRow of(TokenInfo token) {
    String status = token.revoked() != null ? "revoked"
        : token.expires() != null && !Instant.now().isBefore(token.expires()) ? "expired" : "active";
    return new TokenRow(token.id(), token.name(), token.ownerEmail(),
        token.scopes().stream().map(Scope::value).sorted().collect(Collectors.joining(", ")),
        token.allowedNetworks().isEmpty() ? "any" : String.join(", ", token.allowedNetworks()),
        TIME.format(token.created()), token.expires() == null ? "never" : TIME.format(token.expires()),
        token.lastUsed() == null ? "never" : TIME.format(token.lastUsed()) + " from " + token.lastUsedAddress(),
        status);
  }
}
