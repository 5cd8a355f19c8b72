package org.strongroom.support;

import java.util.List;
import java.util.Set;
import java.util.UUID;

import org.strongroom.accounts.Accounts;
import org.strongroom.accounts.UserAccount;
import org.strongroom.core.Scope;
import org.strongroom.tokens.AccessTokens;
import org.strongroom.tokens.OperatorTokens;

/** Creates users with unique e-mail addresses, and tokens for them. */
public class TestUsers {

  public static final String PASSWORD = "maple tugboat quietly orbits 42";

  /** A user and a token with the default scopes. */
  public record User(UserAccount account, String token) {
    public String email() {
      return account.email();
    }

    public long id() {
      return account.id();
    }
  }

  private final Accounts accounts;
  private final OperatorTokens tokens;

  public TestUsers(Accounts accounts, OperatorTokens tokens) {
    this.accounts = accounts;
    this.tokens = tokens;
  }

  public User user() {
    return create(false);
  }

  public User superuser() {
    return create(true);
  }

  public User create(boolean superuser) {
    String email = "u" + UUID.randomUUID().toString().substring(0, 12) + "@example.org";
    UserAccount account = accounts.create(email, PASSWORD, superuser);
    return new User(account, token(email, Scope.defaults()));
  }

  public String token(String email, Set<Scope> scopes) {
    return tokens.create(email, "test", scopes, AccessTokens.DEFAULT_LIFETIME, List.of()).token();
  }
}
