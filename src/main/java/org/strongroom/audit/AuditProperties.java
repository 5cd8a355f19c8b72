package org.strongroom.audit;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The audit feature's settings: {@code strongroom.audit.file} (default
 * {@code <instance>/logs/audit.jsonl}) and {@code strongroom.management.port} (always bound to
 * 127.0.0.1; -1, the default, turns the management server off; {@code strongroom serve} and
 * {@code demo} make it 5001 unless configured).
 */
@ConfigurationProperties(prefix = "strongroom")
record AuditProperties(Path instance, @DefaultValue Audit audit, @DefaultValue Management management) {

  record Audit(Path file) {}

  record Management(@DefaultValue("-1") int port) {
    Management {
      if (port < -1 || port > 65535) {
        throw new IllegalArgumentException("strongroom.management.port must be between 1 and 65535, "
            + "or -1 to turn the management server off (it is " + port + ")");
      }
    }
  }

  AuditProperties {
    instance = instance == null ? Path.of("instance") : instance;
  }

  /** Where the JSON-lines copy of the audit log is written; a relative path is inside the instance. */
  Path auditFile() {
    return audit.file() != null ? instance.resolve(audit.file()) : instance.resolve("logs").resolve("audit.jsonl");
  }
}
