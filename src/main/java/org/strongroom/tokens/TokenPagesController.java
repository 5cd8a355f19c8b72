package org.strongroom.tokens;

import java.util.Arrays;
import java.util.EnumSet;
import java.util.List;
import java.util.Set;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.core.ApiException;
import org.strongroom.core.Caller;
import org.strongroom.core.Callers;
import org.strongroom.core.Scope;

/** {@code /account/settings/applications}: a signed-in user's own tokens. */
@Controller
class TokenPagesController {

  static final String PATH = "/account/settings/applications";

  private final AccessTokens tokens;
  private final TokenLifetimes lifetimes;
  private final TokensProperties properties;

  TokenPagesController(AccessTokens tokens, TokenLifetimes lifetimes, TokensProperties properties) {
    this.tokens = tokens;
    this.lifetimes = lifetimes;
    this.properties = properties;
  }

  @GetMapping(PATH)
  @PreAuthorize("isAuthenticated()")
  String list(Model model) {
    return page(model, Callers.required(), null, null);
  }

  /** The new token is rendered into this response only (not stored, not redirected with). */
  @PostMapping(PATH)
  @PreAuthorize("isAuthenticated()")
  String create(@RequestParam(defaultValue = "") String name,
      @RequestParam(required = false) List<String> scopes,
      @RequestParam(defaultValue = "365d") String expires,
      @RequestParam(name = "allowed_ips", defaultValue = "") String allowedIps,
      Model model, HttpServletResponse response) {
    Caller caller = Callers.required();
    response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
    try {
      AccessTokens.Created created = tokens.createOwn(caller, name, parseScopes(scopes),
          lifetimes.parse(expires), Arrays.stream(allowedIps.split("[\\s,]+")).filter(s -> !s.isBlank()).toList());
      return page(model, caller, created, null);
    } catch (ApiException | IllegalArgumentException e) {
      response.setStatus(e instanceof ApiException api ? api.status().value() : 400);
      return page(model, caller, null, e.getMessage());
    }
  }

  @PostMapping(PATH + "/{id}/revoke")
  @PreAuthorize("isAuthenticated()")
  String revoke(@PathVariable String id) {
    tokens.revokeOwn(Callers.required(), id);
    return "redirect:" + PATH;
  }

  private String page(Model model, Caller caller, AccessTokens.Created created, String error) {
    model.addAttribute("tokens", tokens.listOwn(caller).stream().map(TokenRow::of).toList());
    model.addAttribute("scopes", Arrays.stream(Scope.values())
        .filter(scope -> scope != Scope.ADMIN || caller.superuser()).map(Scope::value).toList());
    model.addAttribute("defaultScopes", Scope.defaults().stream().map(Scope::value).toList());
    model.addAttribute("allowNever", properties.allowNonExpiring());
    model.addAttribute("created", created);
    model.addAttribute("error", error);
    return "tokens/applications";
  }

  private static Set<Scope> parseScopes(List<String> names) {
    Set<Scope> chosen = EnumSet.noneOf(Scope.class);
    for (String name : names == null ? List.<String>of() : names) {
      chosen.add(Scope.parse(name).orElseThrow(() -> ApiException.badRequest("Unknown scope")));
    }
    return chosen;
  }
}
