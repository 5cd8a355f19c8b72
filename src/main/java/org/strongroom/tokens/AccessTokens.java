package org.strongroom.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.accounts.Accounts;
import org.strongroom.accounts.UserAccount;
import org.strongroom.core.ApiException;
import org.strongroom.core.Caller;
import org.strongroom.core.Scope;

/** Creating, listing, revoking and checking personal access tokens. */
@Service
public class AccessTokens {

  public static final Duration DEFAULT_LIFETIME = Duration.ofDays(365);
  /** Last-used time is written at most this often per token, not on every request. */
  static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);

  /** The secret, shown once, and the public id. */
  public record Created(String id, String token) {
    @Override
    public String toString() {
      return "Created[id=" + id + "]";
    }
  }

  private final TokenStore store;
  private final Accounts accounts;
  private final Clock clock;

  AccessTokens(TokenStore store, Accounts accounts, Clock clock) {
    this.store = store;
    this.accounts = accounts;
    this.clock = clock;
  }

  @Transactional
  public Created create(String ownerEmail, String name, Set<Scope> scopes, Duration lifetime,
      List<String> allowedNetworks) {
    UserAccount owner = accounts.findByEmail(ownerEmail)
        .orElseThrow(() -> ApiException.notFound("User " + ownerEmail));
    if (name == null || name.isBlank() || name.length() > 100) {
      throw ApiException.badRequest("A token needs a name of 1 to 100 characters");
    }
    if (scopes.contains(Scope.ADMIN) && !owner.superuser()) {
      throw new ApiException(HttpStatus.FORBIDDEN, "The admin scope can only be given to a superuser");
    }
    for (String network : allowedNetworks) {
      requireCidr(network);
    }
    String token = TokenFormat.generate();
    String id = TokenFormat.newId();
    Instant now = clock.instant();
    store.insert(id, owner.id(), name.strip(), TokenFormat.sha256(token), scopes, allowedNetworks,
        now, lifetime == null ? null : now.plus(lifetime));
    return new Created(id, token);
  }

  public List<TokenInfo> list(Optional<String> ownerEmail) {
    if (ownerEmail.isEmpty()) {
      return store.list(null);
    }
    UserAccount owner = accounts.findByEmail(ownerEmail.get())
        .orElseThrow(() -> ApiException.notFound("User " + ownerEmail.get()));
    return store.list(owner.id());
  }

  @Transactional
  public boolean revoke(String id) {
    if (store.findById(id).isEmpty()) {
      throw ApiException.notFound("Token");
    }
    return store.revoke(id, clock.instant());
  }

  /**
   * The caller a token stands for, or empty when the token is malformed, unknown, revoked,
   * expired, used from outside its networks, or its owner is disabled — all alike to callers.
   */
  public Optional<Caller> authenticate(String token, String clientAddress) {
    if (!TokenFormat.isWellFormed(token)) {
      return Optional.empty();
    }
    Optional<TokenStore.Row> found = store.findByHash(TokenFormat.sha256(token));
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TokenStore.Row row = found.get();
    TokenInfo info = row.info();
    Instant now = clock.instant();
    if (info.revoked() != null || (info.expires() != null && !now.isBefore(info.expires()))
        || !row.ownerActive() || !allowedFrom(info.allowedNetworks(), clientAddress)) {
      return Optional.empty();
    }
    if (info.lastUsed() == null || !clientAddress.equals(info.lastUsedAddress())
        || info.lastUsed().plus(LAST_USED_RESOLUTION).isBefore(now)) {
      store.markUsed(info.id(), now, clientAddress);
    }
    return Optional.of(new TokenCaller(info.userId(), info.ownerEmail(), row.ownerSuperuser(),
        info.id(), info.scopes()));
  }

  private static boolean allowedFrom(List<String> networks, String address) {
    if (networks.isEmpty()) {
      return true;
    }
    for (String network : networks) {
      try {
        if (new IpAddressMatcher(network).matches(address)) {
          return true;
        }
      } catch (IllegalArgumentException e) {
        // an address that is not an IP literal matches nothing
      }
    }
    return false;
  }

  private static void requireCidr(String network) {
    try {
      new IpAddressMatcher(network);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("Not a valid address range: " + network);
    }
  }
}
