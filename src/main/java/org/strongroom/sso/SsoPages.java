package org.strongroom.sso;

import java.time.Instant;
import java.util.List;

import org.springframework.stereotype.Component;
import org.strongroom.core.Callers;

/**
 * What the single sign-on fragments show ({@code templates/sso/}): the provider buttons on
 * the login page, and the signed-in user's linked identities on the account security page.
 * Read by the templates as {@code @ssoPages}, so the login and account pages need no change
 * beyond including the fragments.
 */
@Component("ssoPages")
public class SsoPages {

  /** A button on the login page. */
  public record Button(String name, String label, boolean available) {}

  /** A provider the user may link, or an identity they have linked. */
  public record Linked(long id, String provider, String label, String email, Instant created, Instant lastLogin) {}

  private final OidcProviders providers;
  private final SsoIdentities identities;

  SsoPages(OidcProviders providers, SsoIdentities identities) {
    this.providers = providers;
    this.identities = identities;
  }

  public List<Button> buttons() {
    return providers.buttons().stream().map(b -> new Button(b.name(), b.label(), b.available())).toList();
  }

  public List<Linked> linked() {
    long userId = Callers.current().orElseThrow().userId();
    return identities.forUser(userId).stream().map(i -> new Linked(i.id(), i.provider(),
        providers.config(i.provider()).map(c -> c.label(i.provider())).orElse(i.provider()), i.email(),
        i.created(), i.lastLogin())).toList();
  }
}
