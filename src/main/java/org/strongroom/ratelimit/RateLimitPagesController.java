package org.strongroom.ratelimit;

import java.util.Comparator;
import java.util.Map;

import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.accounts.Accounts;
import org.strongroom.accounts.annotations.RequiresSudo;
import org.strongroom.accounts.UserAccount;
import org.strongroom.core.AuditEvent;
import org.strongroom.core.Callers;
import org.strongroom.core.ClientAddress;

/**
 * {@code /admin/rate-limits}: the defaults, and per-user overrides of the {@code authenticated}
 * limits, set or removed by superusers in sudo mode (the page twin of
 * {@code /api/admin/rate-limits/{userId}}, with the same audit entries).
 */
@Controller
@RequiresSudo
class RateLimitPagesController {

  static final String PAGE = "/admin/rate-limits";

  record OverrideRow(long userId, String email, String limits) {}

  private final RateLimitPolicy policy;
  private final Accounts accounts;
  private final ApplicationEventPublisher events;

  RateLimitPagesController(RateLimitPolicy policy, Accounts accounts, ApplicationEventPublisher events) {
    this.policy = policy;
    this.accounts = accounts;
    this.events = events;
  }

  @GetMapping(PAGE)
  @PreAuthorize("hasRole('SUPERUSER')")
  String page(Model model) {
    return render(model, null, "", "");
  }

  @PostMapping(PAGE)
  @PreAuthorize("hasRole('SUPERUSER')")
  String set(@RequestParam(defaultValue = "") String email, @RequestParam(defaultValue = "") String authenticated,
      Model model, HttpServletRequest request, HttpServletResponse response) {
    var user = accounts.findByEmail(email.strip());
    if (user.isEmpty()) {
      response.setStatus(400);
      return render(model, "No user has the e-mail address " + email.strip() + ".", email, authenticated);
    }
    Limits limits;
    try {
      limits = Limits.parse("authenticated", authenticated.strip());
    } catch (IllegalArgumentException e) {
      response.setStatus(400);
      return render(model, e.getMessage(), email, authenticated);
    }
    long userId = user.get().id();
    policy.set(userId, limits, Callers.current().orElseThrow().userId());
    events.publishEvent(new AuditEvent("ratelimit.override.set", Callers.current().orElseThrow().userId(),
        ClientAddress.of(request), "user:" + userId, "success", Map.of("authenticated", limits.text())));
    return "redirect:" + PAGE;
  }

  @PostMapping(PAGE + "/{userId}/clear")
  @PreAuthorize("hasRole('SUPERUSER')")
  String clear(@PathVariable long userId, HttpServletRequest request) {
    if (policy.clear(userId)) {
      events.publishEvent(new AuditEvent("ratelimit.override.clear", Callers.current().orElseThrow().userId(),
          ClientAddress.of(request), "user:" + userId, "success", Map.of()));
    }
    return "redirect:" + PAGE;
  }

  private String render(Model model, String error, String email, String authenticated) {
    model.addAttribute("anonymous", policy.anonymous().text());
    model.addAttribute("authenticated", policy.authenticatedDefault().text());
    model.addAttribute("login", policy.login().text());
    model.addAttribute("overrides", policy.overrides().entrySet().stream()
        .map(e -> new OverrideRow(e.getKey(), accounts.findById(e.getKey()).map(UserAccount::email).orElse("(deleted)"),
            e.getValue().text()))
        .sorted(Comparator.comparing(OverrideRow::email)).toList());
    model.addAttribute("error", error);
    model.addAttribute("email", email);
    model.addAttribute("value", authenticated);
    return "ratelimit/admin";
  }
}
