package org.strongroom.audit;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;

/**
 * The audit log's settings, {@code strongroom.audit.*}.
 *
 * @param file the JSON-lines copy of the hash-chained audit log (default {@code logs/audit.jsonl}
 *             in the instance folder; a relative path is inside the instance folder)
 */
@ConfigurationProperties(prefix = "strongroom.audit")
record AuditProperties(Path file) {

  AuditProperties {
    if (file == null) {
      throw new IllegalArgumentException("strongroom.audit.file is empty; remove it to use "
          + "logs/audit.jsonl in the instance folder");
    }
  }
}
