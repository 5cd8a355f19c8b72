package org.strongroom.ratelimit;

import java.util.Map;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestBody;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.strongroom.accounts.Accounts;
import org.strongroom.core.ApiException;
import org.strongroom.core.AuditEvent;
import org.strongroom.core.Caller;
import org.strongroom.core.Callers;
import org.strongroom.core.ClientAddress;
import org.strongroom.core.Scope;

/**
 * Per-user limits, for superusers (with the {@code admin} scope when using a token):
 * {@code PUT /api/admin/rate-limits/{userId}} with {@code {"authenticated": "1000/1m,20000/1h"}}
 * replaces the {@code authenticated} bands for that user; {@code DELETE} returns to the default.
 */
@RestController
@RequestMapping(path = "/api/admin/rate-limits", produces = MediaType.APPLICATION_JSON_VALUE)
class RateLimitAdminController {

  record OverrideRequest(String authenticated) {}

  @JsonPropertyOrder({"userId", "authenticated", "override"})
  record UserLimits(long userId, String authenticated, boolean override) {}

  private final RateLimitPolicy policy;
  private final Accounts accounts;
  private final ApplicationEventPublisher events;

  RateLimitAdminController(RateLimitPolicy policy, Accounts accounts, ApplicationEventPublisher events) {
    this.policy = policy;
    this.accounts = accounts;
    this.events = events;
  }

  @GetMapping("/{userId}")
  @PreAuthorize("hasRole('SUPERUSER')")
  UserLimits read(@PathVariable long userId) {
    admin();
    requireUser(userId);
    return body(userId);
  }

  @PutMapping("/{userId}")
  @PreAuthorize("hasRole('SUPERUSER')")
  UserLimits set(@PathVariable long userId, @RequestBody OverrideRequest request,
      HttpServletRequest http) {
    Caller admin = admin();
    requireUser(userId);
    Limits limits;
    try {
      limits = Limits.parse("authenticated", request.authenticated());
    } catch (IllegalArgumentException e) {
      throw ApiException.badRequest(e.getMessage());
    }
    policy.set(userId, limits, admin.userId());
    events.publishEvent(new AuditEvent("ratelimit.override.set", admin.userId(), ClientAddress.of(http),
        "user:" + userId, "success", Map.of("authenticated", limits.text())));
    return body(userId);
  }

  @DeleteMapping("/{userId}")
  @PreAuthorize("hasRole('SUPERUSER')")
  ResponseEntity<Void> clear(@PathVariable long userId, HttpServletRequest http) {
    Caller admin = admin();
    requireUser(userId);
    if (policy.clear(userId)) {
      events.publishEvent(new AuditEvent("ratelimit.override.clear", admin.userId(), ClientAddress.of(http),
          "user:" + userId, "success", Map.of()));
    }
    return ResponseEntity.noContent().build();
  }

  private static Caller admin() {
    Caller caller = Callers.required();
    if (!caller.superuser() || !caller.hasScope(Scope.ADMIN)) {
      throw new ApiException(HttpStatus.FORBIDDEN, "Permission denied");
    }
    return caller;
  }

  private void requireUser(long userId) {
    if (accounts.findById(userId).isEmpty()) {
      throw ApiException.notFound("User");
    }
  }

  private UserLimits body(long userId) {
    return new UserLimits(userId, policy.forUser(userId).text(), policy.hasOverride(userId));
  }
}
