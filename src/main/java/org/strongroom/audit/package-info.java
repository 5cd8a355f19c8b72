/**
 * The tamper-evident audit log (docs/operations/audit-and-monitoring.md): every {@code core.AuditEvent} becomes an entry in
 * an append-only table and a JSON-lines file, each carrying the SHA-256 of the one before;
 * {@link org.strongroom.audit.AuditVerifier} checks the chain. Also counts entries for the
 * Prometheus endpoint of the localhost-only management server.
 */
@org.springframework.modulith.ApplicationModule(allowedDependencies = {"core", "accounts :: api"})
package org.strongroom.audit;
