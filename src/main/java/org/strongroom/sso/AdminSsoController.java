package org.strongroom.sso;

import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import javax.naming.InvalidNameException;
import javax.naming.ldap.LdapName;
import javax.naming.ldap.Rdn;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.servlet.ModelAndView;
import org.strongroom.accounts.Accounts;
import org.strongroom.accounts.ExternalSignIn;
import org.strongroom.accounts.annotations.RequiresSudo;
import org.strongroom.accounts.UserAccount;
import org.strongroom.core.ApiException;
import org.strongroom.core.AuditEvent;
import org.strongroom.core.Callers;
import org.strongroom.core.ClientAddress;

/**
 * {@code /admin/users/{id}/sso}: a superuser, in sudo mode (as on every {@code /admin/} page),
 * links a local account to a provider's {@code (issuer, sub)} or to a directory entry's DN, the
 * other way an existing account gets its link besides the owner's own from Account security;
 * and unlinks one. The administrator vouches for the identity: it signs into the account from
 * then on. An identity already linked to any account is refused; each link and unlink is
 * audited with the administrator as the actor.
 */
@Controller
@RequiresSudo
class AdminSsoController {

  static final String PAGE = "/admin/users/{id}/sso";
  private static final int MAX_SUBJECT = 255;

  private final SsoProperties properties;
  private final SsoIdentities identities;
  private final SsoPages pages;
  private final LdapLogin ldap;
  private final Accounts accounts;
  private final ExternalSignIn signIn;
  private final ApplicationEventPublisher events;

  AdminSsoController(SsoProperties properties, SsoIdentities identities, SsoPages pages, LdapLogin ldap,
      Accounts accounts, ExternalSignIn signIn, ApplicationEventPublisher events) {
    this.properties = properties;
    this.identities = identities;
    this.pages = pages;
    this.ldap = ldap;
    this.accounts = accounts;
    this.signIn = signIn;
    this.events = events;
  }

  @GetMapping(PAGE)
  @PreAuthorize("hasRole('SUPERUSER')")
  ModelAndView page(@PathVariable long id) {
    UserAccount user = user(id);
    List<Map<String, Object>> linked = identities.forUser(id).stream().map(i -> {
      Map<String, Object> row = new HashMap<>();
      row.put("id", i.id());
      row.put("label", pages.label(i.provider()));
      row.put("subject", i.subject());
      row.put("email", i.email());
      row.put("created", i.created());
      row.put("lastLogin", i.lastLogin());
      return row;
    }).toList();
    return new ModelAndView("sso/admin-user", Map.of("userId", id, "email", user.email(), "linked", linked,
        "providers", providers()));
  }

  @PostMapping(PAGE + "/link")
  @PreAuthorize("hasRole('SUPERUSER')")
  String link(@PathVariable long id, @RequestParam(name = "provider", defaultValue = "") String provider,
      @RequestParam(name = "subject", defaultValue = "") String subject, HttpServletRequest request) {
    user(id);
    String issuer = issuer(provider).orElseThrow(() -> ApiException.badRequest("No such provider: choose one of "
        + String.join(", ", providers().keySet())));
    String sub = LdapLogin.PROVIDER.equals(provider) ? distinguishedName(subject) : subject(subject);
    Optional<SsoIdentities.Identity> existing = identities.find(issuer, sub);
    if (existing.isPresent()) {
      audit("sso.link", id, provider, "denied", existing.get().userId() == id ? "already-linked"
          : "linked-to-another-account", request);
      throw new ApiException(HttpStatus.CONFLICT, existing.get().userId() == id
          ? "That identity is already linked to this account"
          : "That identity is already linked to another account: unlink it there first");
    }
    try {
      identities.link(id, provider, issuer, sub, null, signIn.now());
    } catch (DuplicateKeyException raced) {
      throw new ApiException(HttpStatus.CONFLICT, "That identity was linked to an account meanwhile");
    }
    audit("sso.link", id, provider, "success", "linked-by-administrator", request);
    return "redirect:/admin/users/" + id + "/sso?linked";
  }

  @PostMapping(PAGE + "/identities/{identity}/unlink")
  @PreAuthorize("hasRole('SUPERUSER')")
  String unlink(@PathVariable long id, @PathVariable long identity, HttpServletRequest request) {
    user(id);
    List<SsoIdentities.Identity> linked = identities.forUser(id);
    SsoIdentities.Identity found = linked.stream().filter(i -> i.id() == identity).findFirst()
        .orElseThrow(() -> ApiException.notFound("Linked identity"));
    if (!signIn.hasPassword(id) && linked.size() == 1) {
      throw new ApiException(HttpStatus.CONFLICT, "This account has no password: its last linked identity is "
          + "how it signs in. To stop the person signing in, disable the account instead");
    }
    identities.unlink(identity, id);
    audit("sso.unlink", id, found.provider(), "success", "unlinked-by-administrator", request);
    return "redirect:/admin/users/" + id + "/sso?unlinked";
  }

  /** The providers an identity can be linked for: name to label, the directory last. */
  private Map<String, String> providers() {
    Map<String, String> names = new LinkedHashMap<>();
    properties.oidc().keySet().stream().sorted().forEach(name -> names.put(name, pages.label(name)));
    if (ldap.directory().isPresent()) {
      names.put(LdapLogin.PROVIDER, pages.label(LdapLogin.PROVIDER));
    }
    return names;
  }

  /** The issuer the provider's ID tokens carry (checked against its discovery document), or the directory's. */
  private Optional<String> issuer(String provider) {
    if (LdapLogin.PROVIDER.equals(provider)) {
      return ldap.directory().map(d -> ldap.issuer());
    }
    return Optional.ofNullable(properties.oidc().get(provider)).map(config -> config.issuerUri().toString());
  }

  private static String subject(String subject) {
    if (subject.isEmpty() || subject.length() > MAX_SUBJECT || !subject.equals(subject.strip())
        || subject.chars().anyMatch(Character::isISOControl)) {
      throw ApiException.badRequest("The subject must be the provider's 'sub' for the person: 1 to " + MAX_SUBJECT
          + " characters, no spaces around it");
    }
    return subject;
  }

  /** A DN as the directory login records it: its RDNs in order, comma-separated, lower-case. */
  static String distinguishedName(String dn) {
    try {
      List<Rdn> rdns = new LdapName(subject(dn.strip())).getRdns();
      if (rdns.isEmpty()) {
        throw new InvalidNameException("empty");
      }
      StringBuilder out = new StringBuilder();
      for (int i = rdns.size() - 1; i >= 0; i--) {
        out.append(rdns.get(i)).append(i > 0 ? "," : "");
      }
      return out.toString().toLowerCase(Locale.ROOT);
    } catch (InvalidNameException e) {
      throw ApiException.badRequest("The subject must be the directory entry's DN, e.g. "
          + "uid=ada,ou=people,dc=example,dc=org");
    }
  }

  private UserAccount user(long id) {
    return accounts.findById(id).orElseThrow(() -> ApiException.notFound("User"));
  }

  private void audit(String action, long userId, String provider, String outcome, String reason,
      HttpServletRequest request) {
    events.publishEvent(new AuditEvent(action, Callers.current().orElseThrow().userId(), ClientAddress.of(request),
        "user:" + userId, outcome, Map.of("provider", provider, "reason", reason)));
  }
}
