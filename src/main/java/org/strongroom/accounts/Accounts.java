package org.strongroom.accounts;

import java.time.Clock;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;
import java.util.regex.Pattern;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.accounts.password.PasswordChecks;
import org.strongroom.accounts.password.PasswordPolicy;
import org.strongroom.accounts.session.UserSessions;
import org.strongroom.accounts.users.UserStore;
import org.strongroom.cluster.Revocation;
import org.strongroom.cluster.Revocations;
import org.strongroom.core.ApiException;
import org.strongroom.core.AuditEvent;

/** Creating and finding users. */
@org.springframework.modulith.NamedInterface("api")
@Service
public class Accounts {

  private static final Pattern EMAIL = Pattern.compile("^[^@\\s]{1,64}@[^@\\s]{1,255}$");

  private final UserStore store;
  private final PasswordPolicy policy;
  private final PasswordChecks passwords;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final UserSessions sessions;
  private final Revocations revocations;

  Accounts(UserStore store, PasswordPolicy policy, PasswordChecks passwords, Clock clock,
      ApplicationEventPublisher events, UserSessions sessions, Revocations revocations) {
    this.revocations = revocations;
    this.store = store;
    this.sessions = sessions;
    this.policy = policy;
    this.passwords = passwords;
    this.clock = clock;
    this.events = events;
  }

  @Transactional
  public UserAccount create(String email, String password, boolean superuser) {
    String normalised = normaliseEmail(email);
    policy.check(password);
    if (store.findByEmail(normalised).isPresent()) {
      throw new ApiException(HttpStatus.CONFLICT, "A user with this e-mail address already exists");
    }
    long id = store.insert(normalised, passwords.encode(password), superuser, clock.instant());
    // The actor and client address are those of the current request (none on the command line).
    events.publishEvent(new AuditEvent("user.create", null, null, "user:" + id, "success",
        Map.of("email", normalised, "role", superuser ? "superuser" : "user")));
    return store.findById(id).orElseThrow().account();
  }

  public Optional<UserAccount> findByEmail(String email) {
    return store.findByEmail(email.strip().toLowerCase(Locale.ROOT)).map(UserStore.StoredUser::account);
  }

  public Optional<UserAccount> findById(long id) {
    return store.findById(id).map(UserStore.StoredUser::account);
  }

  /**
   * Disables or re-enables an account. Either way every session of the user ends, on every
   * instance.
   */
  @Transactional
  public void setActive(long userId, boolean active) {
    if (!store.setActive(userId, active)) {
      throw ApiException.notFound("User");
    }
    sessions.deleteAll(userId);
    revocations.announce(Revocation.user(userId));
  }

  /**
   * Makes the user a superuser or an ordinary user. Their sessions end (the role is fixed at
   * sign-in) and every instance re-reads their tokens' rights at once.
   */
  @Transactional
  public void setSuperuser(long userId, boolean superuser) {
    if (!store.setSuperuser(userId, superuser)) {
      throw ApiException.notFound("User");
    }
    sessions.deleteAll(userId);
    revocations.announce(Revocation.user(userId));
  }

  /** Ends every session of the user, on every instance ("sign out everywhere", or a superuser's revocation). */
  @Transactional
  public void endSessions(long userId) {
    if (!store.endSessions(userId)) {
      throw ApiException.notFound("User");
    }
    sessions.deleteAll(userId);
    revocations.announce(Revocation.user(userId));
  }

  public long count() {
    return store.count();
  }

  static String normaliseEmail(String email) {
    String normalised = email == null ? "" : email.strip().toLowerCase(Locale.ROOT);
    if (normalised.length() > 320 || !EMAIL.matcher(normalised).matches()) {
      throw ApiException.badRequest("Not a valid e-mail address");
    }
    return normalised;
  }
}
