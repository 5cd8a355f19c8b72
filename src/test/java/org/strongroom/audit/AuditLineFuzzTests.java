package org.strongroom.audit;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;
import java.time.Instant;
import java.util.Map;
import java.util.TreeMap;

import com.code_intelligence.jazzer.junit.FuzzTest;

/**
 * The audit log's JSON-lines format, as {@code strongroom audit verify} reads it back from a
 * file anyone with disk access could have edited. A line that is not an entry is an
 * {@link IllegalArgumentException} (the verifier reports it); an entry that parses writes
 * itself back to a line that parses to the same entry. An entry built from hostile text (line
 * breaks, quotes, non-ASCII) is one line that parses back to itself with its hash intact.
 */
class AuditLineFuzzTests {

  @FuzzTest(maxDuration = "30s")
  void auditLines(byte[] input) {
    String line = new String(input, StandardCharsets.UTF_8);
    try {
      AuditEntry parsed = AuditEntry.parseLine(line);
      assertThat(AuditEntry.parseLine(parsed.jsonLine())).isEqualTo(parsed);
    } catch (IllegalArgumentException refused) {
      assertThat(refused.getMessage()).isEqualTo("not an audit entry");
    }

    AuditEntry hostile = AuditEntry.chained(42, Instant.parse("2026-12-01T10:15:30.123456Z"), 7L, line,
        "record.update", line, "success", details(line), AuditEntry.GENESIS);
    String written = hostile.jsonLine();
    assertThat(written).doesNotContain("\n", "\r");
    AuditEntry read = AuditEntry.parseLine(written);
    assertThat(read).isEqualTo(hostile);
    assertThat(read.hashMatches()).isTrue();
  }

  private static Map<String, String> details(String text) {
    Map<String, String> details = new TreeMap<>();
    details.put(text, "value");
    details.put("key", text);
    return details;
  }
}
