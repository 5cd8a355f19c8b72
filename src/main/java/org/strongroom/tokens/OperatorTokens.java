package org.strongroom.tokens;

import java.time.Duration;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.stereotype.Service;
import org.strongroom.core.Scope;

/**
 * Tokens as whoever runs the server manages them (the command line, the demo data): there is no
 * caller to check, since the operator has the server's own rights. Apart from {@link AccessTokens}
 * so that only a module declaring {@code tokens :: operator} can reach it.
 */
@org.springframework.modulith.NamedInterface("operator")
@Service
public class OperatorTokens {

  private final AccessTokens tokens;

  OperatorTokens(AccessTokens tokens) {
    this.tokens = tokens;
  }

  /** A token for any user; the operator may give {@code admin} to a superuser. */
  public AccessTokens.Created create(String ownerEmail, String name, Set<Scope> scopes, Duration lifetime,
      List<String> allowedNetworks) {
    return tokens.create(ownerEmail, name, scopes, lifetime, allowedNetworks);
  }

  /** Every token, or one user's. */
  public List<TokenInfo> list(Optional<String> ownerEmail) {
    return tokens.list(ownerEmail);
  }

  /** Revokes any token; false when it was already revoked. */
  public boolean revoke(String id) {
    return tokens.revoke(id);
  }
}
