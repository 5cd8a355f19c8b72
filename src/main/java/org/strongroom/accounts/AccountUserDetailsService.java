package org.strongroom.accounts;

import java.util.Locale;

import org.springframework.security.core.userdetails.UserDetails;
import org.springframework.security.core.userdetails.UserDetailsService;
import org.springframework.security.core.userdetails.UsernameNotFoundException;
import org.springframework.stereotype.Service;

/** Looks users up by e-mail for the login form. */
@Service
class AccountUserDetailsService implements UserDetailsService {

  private final UserStore store;

  AccountUserDetailsService(UserStore store) {
    this.store = store;
  }

  @Override
  public UserDetails loadUserByUsername(String username) {
    String email = username == null ? "" : username.strip().toLowerCase(Locale.ROOT);
    return store.findByEmail(email)
        .map(user -> new AccountUserDetails(user.account().id(), user.account().email(),
            user.account().superuser(), user.account().active(), user.passwordHash()))
        .orElseThrow(() -> new UsernameNotFoundException("Bad credentials"));
  }
}
