package org.strongroom.core;

import java.util.Map;

/**
 * Something the audit log must record. Features publish it with Spring's
 * {@code ApplicationEventPublisher}; the audit feature listens and writes it.
 *
 * @param action        what happened, e.g. {@code login.success}, {@code record.update}
 * @param actorUserId   who did it, or null when unknown (a failed login for no such user)
 * @param clientAddress from {@link ClientAddress}, or null outside a request (command line)
 * @param target        what it was done to, e.g. {@code record:k3x9p-7q2m0}, {@code user:3}
 * @param outcome       {@code success}, {@code failure} or {@code denied}
 * @param details       extra non-secret facts (never passwords, tokens or keys)
 */
public record AuditEvent(String action, Long actorUserId, String clientAddress, String target,
    String outcome, Map<String, String> details) {

  public AuditEvent {
    details = details == null ? Map.of() : Map.copyOf(details);
  }
}
