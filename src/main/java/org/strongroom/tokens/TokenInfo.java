package org.strongroom.tokens;

import java.time.Instant;
import java.util.List;
import java.util.Set;

import org.strongroom.core.Scope;

/** What may be shown about a token: never its secret or hash. */
@org.springframework.modulith.NamedInterface("api")
public record TokenInfo(String id, long userId, String ownerEmail, String name, Set<Scope> scopes,
    List<String> allowedNetworks, Instant created, Instant expires, Instant lastUsed,
    String lastUsedAddress, Instant revoked) {}
