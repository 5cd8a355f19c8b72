package org.strongroom.accounts.login;

import java.util.Map;

import io.micrometer.core.instrument.MeterRegistry;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.stereotype.Component;
import org.strongroom.core.AuditEvent;
import org.strongroom.core.ClientAddress;

/**
 * Publishes what the audit log must record about authentication, and counts failures and
 * lockouts for monitoring ({@code strongroom.auth.failures}, {@code strongroom.auth.lockouts}).
 * Never a password, code or seed in the details.
 */
@Component
public class AuthEvents {

  static final String FAILURES = "strongroom.auth.failures";
  static final String LOCKOUTS = "strongroom.auth.lockouts";

  private final ApplicationEventPublisher publisher;
  private final ObjectProvider<MeterRegistry> meters;

  AuthEvents(ApplicationEventPublisher publisher, ObjectProvider<MeterRegistry> meters) {
    this.publisher = publisher;
    this.meters = meters;
  }

  public void success(String action, long userId, HttpServletRequest request, Map<String, String> details) {
    publisher.publishEvent(new AuditEvent(action, userId, address(request), "user:" + userId, "success", details));
  }

  public void failure(String action, Long userId, String target, HttpServletRequest request, String reason) {
    publisher.publishEvent(new AuditEvent(action, userId, address(request),
        userId != null ? "user:" + userId : target, "failure", Map.of("reason", reason)));
    meters.ifAvailable(registry -> registry.counter(FAILURES, "reason", reason).increment());
  }

  public void lockout(Long userId, String target, HttpServletRequest request, long seconds) {
    publisher.publishEvent(new AuditEvent("login.lockout", userId, address(request),
        userId != null ? "user:" + userId : target, "denied", Map.of("seconds", Long.toString(seconds))));
    meters.ifAvailable(registry -> registry.counter(LOCKOUTS).increment());
  }

  public void superuserAction(String action, long actorUserId, String target, HttpServletRequest request) {
    publisher.publishEvent(new AuditEvent(action, actorUserId, address(request), target, "success", Map.of()));
  }

  /** An audit target for an attempt on an e-mail address that may not belong to anyone. */
  static String attemptedAccount(String email) {
    String value = email == null ? "" : email.strip();
    // A password typed into the e-mail field must not end up in the audit log.
    return value.contains("@") && value.length() <= 320 && !value.contains(" ") ? "email:" + value : "email:?";
  }

  private static String address(HttpServletRequest request) {
    return request == null ? null : ClientAddress.of(request);
  }
}
