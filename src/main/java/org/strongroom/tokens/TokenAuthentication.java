package org.strongroom.tokens;

import java.time.Clock;
import java.time.Instant;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.cluster.Revocation;
import org.strongroom.core.AuditEvent;
import org.strongroom.core.Caller;

/**
 * Checking a personal access token on a request, with the short cache of token rows. Made and
 * owned by {@link AccessTokens}, which hands it to the Bearer filter, and not a bean of its own:
 * every API request calls it, and a call through {@code AccessTokens}' transactional proxy
 * looks for advice and calls reflectively, for a method that has no transaction
 * (docs/development/performance.md). Its writes (last use, new address) run in transactions of
 * their own.
 */
final class TokenAuthentication {

  private final TokenStore store;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final TransactionTemplate transactions;
  private final VerifiedTokenCache cache;

  TokenAuthentication(TokenStore store, Clock clock, ApplicationEventPublisher events,
      TransactionTemplate transactions) {
    this.store = store;
    this.clock = clock;
    this.events = events;
    this.transactions = transactions;
    this.cache = new VerifiedTokenCache(clock);
  }

  /** A token revoked, or its owner's rights changed: forget the cached rows now. */
  void forget(Revocation revocation) {
    switch (revocation.kind()) {
      case TOKEN -> cache.evictToken(revocation.id());
      case USER -> cache.evictOwner(Long.parseLong(revocation.id()));
      case RECORD -> { } // records/RecordCache's
    }
  }

  /**
   * The caller a token stands for, or empty when the token is malformed, unknown, revoked,
   * expired, used from outside its networks, or its owner is disabled — all alike to callers.
   * A token whose checksum does not match is refused without a database query.
   */
  Optional<Caller> authenticate(String token, String clientAddress) {
    if (!TokenFormat.isWellFormed(token)) {
      return Optional.empty();
    }
    String hash = TokenFormat.sha256(token);
    Optional<TokenStore.Row> found = cache.get(hash);
    if (found.isEmpty()) {
      long changesBefore = cache.changes();
      found = store.findByHash(hash);
      found.ifPresent(row -> cache.put(hash, row, changesBefore));
    }
    if (found.isEmpty()) {
      return Optional.empty();
    }
    TokenStore.Row row = found.get();
    TokenInfo info = row.info();
    Instant now = clock.instant();
    String refusal = info.revoked() != null ? "revoked"
        : info.expires() != null && !now.isBefore(info.expires()) ? "expired"
        : !row.ownerActive() ? "owner-disabled"
        : !allowedFrom(info.allowedNetworks(), clientAddress) ? "address-not-allowed" : null;
    if (refusal != null) {
      // The caller gets the same 401 for each; the audit log says which (a leaked token at work?).
      events.publishEvent(new AuditEvent("token.refused", info.userId(), clientAddress, "token:" + info.id(),
          "denied", Map.of("reason", refusal)));
      return Optional.empty();
    }
    if (info.lastUsed() == null || !clientAddress.equals(info.lastUsedAddress())
        || !now.isBefore(info.lastUsed().plus(AccessTokens.LAST_USED_RESOLUTION))) {
      recordUse(hash, row, now, clientAddress);
    }
    return Optional.of(new TokenCaller(info.userId(), info.ownerEmail(), row.ownerSuperuser(),
        info.id(), info.scopes()));
  }

  private void recordUse(String hash, TokenStore.Row row, Instant now, String clientAddress) {
    TokenInfo info = row.info();
    // In a transaction so that listeners bound to commit (the audit log) receive the event.
    try {
      transactions.executeWithoutResult(status -> {
        store.markUsed(info.id(), now, clientAddress);
        if (!clientAddress.equals(info.lastUsedAddress()) && store.recordAddress(info.id(), clientAddress, now)) {
          events.publishEvent(new AuditEvent("token.new-address", info.userId(), clientAddress,
              "token:" + info.id(), "success",
              Map.of("previous", info.lastUsedAddress() == null ? "none" : info.lastUsedAddress())));
        }
      });
    } catch (DuplicateKeyException concurrentFirstUse) {
      // Another request recorded this address (and its event) at the same moment.
    }
    TokenInfo used = new TokenInfo(info.id(), info.userId(), info.ownerEmail(), info.name(), info.scopes(),
        info.allowedNetworks(), info.created(), info.expires(), now, clientAddress, info.revoked());
    cache.update(hash, new TokenStore.Row(used, row.ownerSuperuser(), row.ownerActive()));
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
}
