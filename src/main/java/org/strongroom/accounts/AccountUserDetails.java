package org.strongroom.accounts;

import java.io.Serializable;
import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.strongroom.accounts.users.UserStore;
import org.strongroom.core.Caller;
import org.strongroom.core.Scope;

/**
 * A user signed in with a password (browser session): every scope their role allows. Kept in
 * the session, so it holds no password hash; {@code sessionEpoch} is compared with the user's
 * row on every request so that a password change or a disabled account ends the session. Its
 * class name is stored with it (Java serialization, in Redis), so it stays in this package.
 */
public record AccountUserDetails(long userId, String email, boolean superuser, boolean active, int sessionEpoch)
    implements UserDetails, Caller, Serializable {

  public static AccountUserDetails of(UserStore.StoredUser user) {
    UserAccount account = user.account();
    return new AccountUserDetails(account.id(), account.email(), account.superuser(), account.active(),
        user.sessionEpoch());
  }

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return superuser ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_SUPERUSER"))
        : List.of(new SimpleGrantedAuthority("ROLE_USER"));
  }

  @Override
  public String getPassword() {
    return null;
  }

  @Override
  public String getUsername() {
    return email;
  }

  @Override
  public boolean isEnabled() {
    return active;
  }

  @Override
  public String authMethod() {
    return "session";
  }

  @Override
  public boolean hasScope(Scope scope) {
    return scope != Scope.ADMIN || superuser;
  }

  @Override
  public String toString() {
    return "AccountUserDetails[userId=" + userId + "]";
  }
}
