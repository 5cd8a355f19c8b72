package org.strongroom.accounts;

import java.util.Collection;
import java.util.List;

import org.springframework.security.core.GrantedAuthority;
import org.springframework.security.core.authority.SimpleGrantedAuthority;
import org.springframework.security.core.userdetails.UserDetails;
import org.strongroom.core.Caller;
import org.strongroom.core.Scope;

/** A user signed in with a password (browser session): every scope their role allows. */
record AccountUserDetails(long userId, String email, boolean superuser, boolean active,
    String passwordHash) implements UserDetails, Caller {

  @Override
  public Collection<? extends GrantedAuthority> getAuthorities() {
    return superuser ? List.of(new SimpleGrantedAuthority("ROLE_USER"), new SimpleGrantedAuthority("ROLE_SUPERUSER"))
        : List.of(new SimpleGrantedAuthority("ROLE_USER"));
  }

  @Override
  public String getPassword() {
    return passwordHash;
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
