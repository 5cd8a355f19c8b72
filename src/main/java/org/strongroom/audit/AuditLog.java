package org.strongroom.audit;

import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.Map;

import io.micrometer.core.instrument.Counter;
import io.micrometer.core.instrument.MeterRegistry;
import org.springframework.stereotype.Service;

/**
 * Appends entries to the hash chain: under the locked chain head, the entry is inserted and
 * written to the JSON-lines file, then the transaction commits. Counts each entry in
 * {@code strongroom.audit.events{action,outcome}}.
 */
@Service
class AuditLog {

  static final String EVENTS_METRIC = "strongroom.audit.events";

  private final AuditStore store;
  private final AuditFile file;
  private final MeterRegistry meters;
  private final Clock clock;

  AuditLog(AuditStore store, AuditFile file, MeterRegistry meters, Clock clock) {
    this.store = store;
    this.file = file;
    this.meters = meters;
    this.clock = clock;
  }

  AuditEntry append(String action, Long actorUserId, String clientAddress, String target, String outcome,
      Map<String, String> details) {
    String cleanAction = AuditSanitizer.action(action);
    String cleanOutcome = AuditSanitizer.outcome(outcome);
    String cleanTarget = AuditSanitizer.target(target);
    String cleanClient = AuditSanitizer.clientAddress(clientAddress);
    Map<String, String> cleanDetails = AuditSanitizer.details(details);
    AuditEntry entry = store.inTransaction(() -> {
      AuditStore.Head head = store.lockHead();
      AuditEntry next = AuditEntry.chained(head.lastId() + 1, clock.instant().truncatedTo(ChronoUnit.MICROS),
          actorUserId, cleanClient, cleanAction, cleanTarget, cleanOutcome, cleanDetails, head.lastHash());
      store.append(next);
      file.append(next);
      return next;
    });
    Counter.builder(EVENTS_METRIC).description("Audit log entries written")
        .tag("action", entry.action()).tag("outcome", entry.outcome()).register(meters).increment();
    return entry;
  }
}
