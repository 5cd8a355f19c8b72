package org.strongroom.support;

import java.util.List;
import java.util.concurrent.CopyOnWriteArrayList;

import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.event.EventListener;
import org.strongroom.core.AuditEvent;

/** Collects every published {@link AuditEvent}, whatever thread published it. */
@TestConfiguration(proxyBeanMethods = false)
public class RecordedAuditEvents {

  private final List<AuditEvent> events = new CopyOnWriteArrayList<>();

  @EventListener
  void record(AuditEvent event) {
    events.add(event);
  }

  public List<AuditEvent> all() {
    return List.copyOf(events);
  }

  public List<AuditEvent> forUser(long userId) {
    return events.stream().filter(e -> e.actorUserId() != null && e.actorUserId() == userId).toList();
  }

  public List<String> actionsFor(long userId) {
    return forUser(userId).stream().map(AuditEvent::action).toList();
  }
}
