package org.strongroom.audit;

import java.nio.charset.StandardCharsets;
import java.security.MessageDigest;
import java.security.NoSuchAlgorithmException;
import java.time.Instant;
import java.time.ZoneOffset;
import java.time.format.DateTimeFormatter;
import java.util.HexFormat;
import java.util.Map;
import java.util.SortedMap;
import java.util.TreeMap;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One entry of the audit log. Its hash is the SHA-256 (hex) of its canonical form: a JSON
 * object with the keys {@code action, actor, client, details, id, outcome, prev_hash, target,
 * time} in that (sorted) order, details sorted by key, no whitespace, UTF-8, time as
 * {@code yyyy-MM-ddTHH:mm:ss.ssssssZ}. The JSON-lines file holds the same object plus {@code hash}.
 */
record AuditEntry(long id, Instant time, Long actorUserId, String clientAddress, String action,
    String target, String outcome, SortedMap<String, String> details, String prevHash, String hash) {

  /** The predecessor of the first entry. */
  static final String GENESIS = "0".repeat(64);

  private static final JsonMapper JSON = JsonMapper.builder().build();
  private static final DateTimeFormatter TIME =
      DateTimeFormatter.ofPattern("uuuu-MM-dd'T'HH:mm:ss.SSSSSS'Z'").withZone(ZoneOffset.UTC);

  AuditEntry {
    details = new TreeMap<>(details);
  }

  /** A new entry following {@code prevHash}, with its hash computed. */
  static AuditEntry chained(long id, Instant time, Long actorUserId, String clientAddress, String action,
      String target, String outcome, Map<String, String> details, String prevHash) {
    AuditEntry unhashed = new AuditEntry(id, time, actorUserId, clientAddress, action, target, outcome,
        new TreeMap<>(details), prevHash, null);
    return unhashed.withHash(unhashed.computeHash());
  }

  AuditEntry withHash(String newHash) {
    return new AuditEntry(id, time, actorUserId, clientAddress, action, target, outcome, details,
        prevHash, newHash);
  }

  String canonical() {
    return JSON.writeValueAsString(fields());
  }

  String computeHash() {
    try {
      byte[] digest = MessageDigest.getInstance("SHA-256").digest(canonical().getBytes(StandardCharsets.UTF_8));
      return HexFormat.of().formatHex(digest);
    } catch (NoSuchAlgorithmException e) {
      throw new IllegalStateException(e);
    }
  }

  /** Whether the stored hash is the hash of this entry's content. */
  boolean hashMatches() {
    return hash != null && hash.equals(computeHash());
  }

  String detailsJson() {
    return JSON.writeValueAsString(details);
  }

  /** The line written to the JSON-lines file: the canonical fields plus {@code hash}. */
  String jsonLine() {
    SortedMap<String, Object> line = fields();
    line.put("hash", hash);
    return JSON.writeValueAsString(line);
  }

  static SortedMap<String, String> parseDetails(String json) {
    SortedMap<String, String> details = new TreeMap<>();
    JsonNode node = JSON.readTree(json);
    if (!node.isObject()) {
      throw new IllegalArgumentException("details are not a JSON object");
    }
    for (Map.Entry<String, JsonNode> field : node.properties()) {
      details.put(field.getKey(), field.getValue().isNull() ? null : field.getValue().asString());
    }
    return details;
  }

  /** Reads a line of the JSON-lines file; throws IllegalArgumentException when it is not one. */
  static AuditEntry parseLine(String line) {
    try {
      JsonNode node = JSON.readTree(line);
      if (!node.isObject() || !node.path("id").isIntegralNumber() || !node.path("details").isObject()
          || !node.path("time").isString()) {
        throw new IllegalArgumentException("not an audit entry");
      }
      return new AuditEntry(node.get("id").longValue(), Instant.from(TIME.parse(text(node, "time"))),
          node.path("actor").isIntegralNumber() ? node.get("actor").longValue() : null,
          text(node, "client"), text(node, "action"), text(node, "target"), text(node, "outcome"),
          parseDetails(node.get("details").toString()), text(node, "prev_hash"), text(node, "hash"));
    } catch (JacksonException | java.time.DateTimeException e) {
      throw new IllegalArgumentException("not an audit entry", e);
    }
  }

  private static String text(JsonNode node, String field) {
    JsonNode value = node.get(field);
    return value == null || value.isNull() ? null : value.asString();
  }

  private SortedMap<String, Object> fields() {
    SortedMap<String, Object> fields = new TreeMap<>();
    fields.put("action", action);
    fields.put("actor", actorUserId);
    fields.put("client", clientAddress);
    fields.put("details", details);
    fields.put("id", id);
    fields.put("outcome", outcome);
    fields.put("prev_hash", prevHash);
    fields.put("target", target);
    fields.put("time", TIME.format(time));
    return fields;
  }
}
