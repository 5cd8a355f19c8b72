package org.strongroom.tokens;

import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;
import java.util.Set;
import java.util.stream.Collectors;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.context.event.EventListener;
import org.springframework.http.HttpStatus;
import org.springframework.security.web.util.matcher.IpAddressMatcher;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.accounts.Accounts;
import org.strongroom.accounts.UserAccount;
import org.strongroom.cluster.Revocation;
import org.strongroom.cluster.Revocations;
import org.strongroom.core.ApiException;
import org.strongroom.core.AuditEvent;
import org.strongroom.core.Caller;
import org.strongroom.core.Scope;

/** Creating, listing, revoking and checking personal access tokens. */
@org.springframework.modulith.NamedInterface("api")
@Service
public class AccessTokens {

  public static final Duration DEFAULT_LIFETIME = Duration.ofDays(365);
  /** Last-used time is written at most this often per token, not on every request. */
  static final Duration LAST_USED_RESOLUTION = Duration.ofMinutes(1);
  static final int MAX_NETWORKS = 20;

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
  private final ApplicationEventPublisher events;
  private final TokenAuthentication authentication;
  private final Revocations revocations;

  AccessTokens(TokenStore store, Accounts accounts, Clock clock, ApplicationEventPublisher events,
      TransactionTemplate transactions, Revocations revocations) {
    this.revocations = revocations;
    this.store = store;
    this.accounts = accounts;
    this.clock = clock;
    this.events = events;
    this.authentication = new TokenAuthentication(store, clock, events, transactions);
  }

  /** For {@link OperatorTokens}: no caller is checked. */
  @Transactional
  Created create(String ownerEmail, String name, Set<Scope> scopes, Duration lifetime,
      List<String> allowedNetworks) {
    UserAccount owner = accounts.findByEmail(ownerEmail)
        .orElseThrow(() -> ApiException.notFound("User " + ownerEmail));
    return create(null, owner, name, scopes, lifetime, allowedNetworks);
  }

  /** For a signed-in user creating a token for themselves. */
  @Transactional
  public Created createOwn(Caller creator, String name, Set<Scope> scopes, Duration lifetime,
      List<String> allowedNetworks) {
    UserAccount owner = accounts.findById(creator.userId())
        .orElseThrow(() -> ApiException.notFound("User"));
    if (scopes.contains(Scope.ADMIN) && !creator.superuser()) {
      throw new ApiException(HttpStatus.FORBIDDEN, "Only a superuser can create a token with the admin scope");
    }
    return create(creator.userId(), owner, name, scopes, lifetime, allowedNetworks);
  }

  private Created create(Long creatorId, UserAccount owner, String name, Set<Scope> scopes,
      Duration lifetime, List<String> allowedNetworks) {
    if (name == null || name.isBlank() || name.strip().length() > 100) {
      throw ApiException.badRequest("A token needs a name of 1 to 100 characters");
    }
    if (scopes.isEmpty()) {
      throw ApiException.badRequest("A token needs at least one scope");
    }
    if (scopes.contains(Scope.ADMIN) && !owner.superuser()) {
      throw new ApiException(HttpStatus.FORBIDDEN, "The admin scope can only be given to a superuser");
    }
    List<String> networks = allowedNetworks.stream().map(String::strip).filter(n -> !n.isEmpty()).toList();
    if (networks.size() > MAX_NETWORKS) {
      throw ApiException.badRequest("A token may name at most " + MAX_NETWORKS + " address ranges");
    }
    networks.forEach(AccessTokens::requireCidr);
    String token = TokenFormat.generate();
    String id = TokenFormat.newId();
    Instant now = clock.instant();
    store.insert(id, owner.id(), name.strip(), TokenFormat.sha256(token), scopes, networks,
        now, lifetime == null ? null : now.plus(lifetime));
    Map<String, String> details = new LinkedHashMap<>();
    details.put("owner", "user:" + owner.id());
    details.put("name", name.strip());
    details.put("scopes", scopes.stream().map(Scope::value).sorted().collect(Collectors.joining(" ")));
    details.put("expires", lifetime == null ? "never" : now.plus(lifetime).toString());
    events.publishEvent(new AuditEvent("token.create", creatorId, null, "token:" + id, "success", details));
    return new Created(id, token);
  }

  /** For {@link OperatorTokens} and the superusers' token page: no caller is checked. */
  List<TokenInfo> list(Optional<String> ownerEmail) {
    if (ownerEmail.isEmpty()) {
      return store.list(null);
    }
    UserAccount owner = accounts.findByEmail(ownerEmail.get())
        .orElseThrow(() -> ApiException.notFound("User " + ownerEmail.get()));
    return store.list(owner.id());
  }

  public List<TokenInfo> listOwn(Caller caller) {
    return store.list(caller.userId());
  }

  /** For {@link OperatorTokens}: no caller is checked. */
  @Transactional
  boolean revoke(String id) {
    TokenInfo token = store.findById(id).orElseThrow(() -> ApiException.notFound("Token")).info();
    return revoke(null, token);
  }

  /** A user revoking one of their own tokens; someone else's is "not found". */
  @Transactional
  public boolean revokeOwn(Caller caller, String id) {
    TokenInfo token = store.findById(id).map(TokenStore.Row::info)
        .filter(info -> info.userId() == caller.userId())
        .orElseThrow(() -> ApiException.notFound("Token"));
    return revoke(caller.userId(), token);
  }

  /** A superuser revoking any token (the admin page). */
  @Transactional
  public boolean revokeAny(Caller superuser, String id) {
    if (!superuser.superuser()) {
      throw new ApiException(HttpStatus.FORBIDDEN, "Permission denied");
    }
    TokenInfo token = store.findById(id).orElseThrow(() -> ApiException.notFound("Token")).info();
    return revoke(superuser.userId(), token);
  }

  /** A token revoked, or its owner's rights changed, here or on another instance: forget the cached rows now. */
  @EventListener
  void forget(Revocation revocation) {
    authentication.forget(revocation);
  }

  private boolean revoke(Long actorId, TokenInfo token) {
    boolean revoked = store.revoke(token.id(), clock.instant());
    authentication.forget(Revocation.token(token.id()));
    revocations.announce(Revocation.token(token.id()));
    if (revoked) {
      events.publishEvent(new AuditEvent("token.revoke", actorId, null, "token:" + token.id(), "success",
          Map.of("owner", "user:" + token.userId())));
    }
    return revoked;
  }

  /**
   * The caller a token stands for, or empty when the token is malformed, unknown, revoked,
   * expired, used from outside its networks, or its owner is disabled — all alike to callers
   * ({@link TokenAuthentication}).
   */
  public Optional<Caller> authenticate(String token, String clientAddress) {
    return authentication.authenticate(token, clientAddress);
  }

  /**
   * The token check itself, for the Bearer filter: it is called on every API request, and
   * this bean is reached through its transactional proxy, which this check needs not.
   */
  TokenAuthentication authentication() {
    return authentication;
  }

  private static void requireCidr(String network) {
    try {
      new IpAddressMatcher(network);
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest("Not a valid address range: " + network);
    }
  }
}
