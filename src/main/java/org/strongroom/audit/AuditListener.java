package org.strongroom.audit;

import java.util.HashMap;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.event.EventListener;
import org.springframework.stereotype.Component;
import org.springframework.web.context.request.RequestAttributes;
import org.springframework.web.context.request.RequestContextHolder;
import org.springframework.web.context.request.ServletRequestAttributes;
import org.strongroom.core.AuditEvent;
import org.strongroom.core.Caller;
import org.strongroom.core.Callers;
import org.strongroom.core.ClientAddress;

/**
 * Records every {@link AuditEvent} synchronously, before the publisher carries on: if the
 * entry cannot be written, the action fails rather than going unrecorded. What a publisher
 * leaves out is filled in from the current request: the caller as actor, the client address,
 * and {@code superuser=true} when the actor is a superuser acting in that request.
 */
@Component
class AuditListener {

  private final AuditLog log;

  AuditListener(AuditLog log) {
    this.log = log;
  }

  @EventListener
  void on(AuditEvent event) {
    Optional<Caller> caller = Callers.current();
    Long actor = event.actorUserId() != null ? event.actorUserId() : caller.map(Caller::userId).orElse(null);
    String client = event.clientAddress() != null ? event.clientAddress() : currentClientAddress();
    Map<String, String> details = new HashMap<>(event.details());
    if (caller.isPresent() && caller.get().superuser() && actor != null && actor == caller.get().userId()) {
      details.put("superuser", "true");
    }
    log.append(event.action(), actor, client, event.target(), event.outcome(), details);
  }

  private static String currentClientAddress() {
    RequestAttributes attributes = RequestContextHolder.getRequestAttributes();
    return attributes instanceof ServletRequestAttributes servlet ? ClientAddress.of(servlet.getRequest()) : null;
  }
}
