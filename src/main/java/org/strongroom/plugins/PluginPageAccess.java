package org.strongroom.plugins;

import java.util.Optional;
import java.util.function.Supplier;

import org.springframework.security.authentication.AnonymousAuthenticationToken;
import org.springframework.security.authorization.AuthorizationDecision;
import org.springframework.security.authorization.AuthorizationManager;
import org.springframework.security.authorization.AuthorizationResult;
import org.springframework.security.core.Authentication;
import org.springframework.security.web.access.intercept.RequestAuthorizationContext;
import org.springframework.stereotype.Component;

/**
 * The access rule for {@code /plugins/**} in the page security chain: each page's own
 * {@link PluginPage.Access}; a page that declares none, or does not exist, is denied.
 */
@org.springframework.modulith.NamedInterface("pages")
@Component
public class PluginPageAccess implements AuthorizationManager<RequestAuthorizationContext> {

  static final String PREFIX = "/plugins/";

  private final Plugins plugins;

  PluginPageAccess(Plugins plugins) {
    this.plugins = plugins;
  }

  @Override
  public AuthorizationResult authorize(Supplier<? extends Authentication> authentication,
      RequestAuthorizationContext context) {
    String path = context.getRequest().getRequestURI().substring(context.getRequest().getContextPath().length());
    Optional<PluginPage> page = locate(path).flatMap(at -> plugins.page(at[0], at[1]));
    PluginPage.Access access = page.map(PluginPage::access).orElse(null);
    return new AuthorizationDecision(access != null && allows(access, authentication.get()));
  }

  /** {@code /plugins/{name}/{path}} → {name, path}; anything deeper or odder is no page. */
  static Optional<String[]> locate(String path) {
    if (!path.startsWith(PREFIX)) {
      return Optional.empty();
    }
    String[] parts = path.substring(PREFIX.length()).split("/", -1);
    if (parts.length != 2 || parts[0].isEmpty()) {
      return Optional.empty();
    }
    return Optional.of(parts);
  }

  private static boolean allows(PluginPage.Access access, Authentication caller) {
    boolean signedIn = caller != null && caller.isAuthenticated() && !(caller instanceof AnonymousAuthenticationToken);
    return switch (access) {
      case ANYONE -> true;
      case USER -> signedIn && has(caller, "ROLE_USER");
      case SUPERUSER -> signedIn && has(caller, "ROLE_SUPERUSER");
    };
  }

  private static boolean has(Authentication caller, String authority) {
    return caller.getAuthorities().stream().anyMatch(a -> authority.equals(a.getAuthority()));
  }
}
