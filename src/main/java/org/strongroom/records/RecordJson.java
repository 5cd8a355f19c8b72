package org.strongroom.records;

import java.io.InputStream;
import java.util.Iterator;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.strongroom.core.ApiException;
import org.strongroom.core.BoundedInput;
import org.springframework.http.HttpStatus;
import tools.jackson.core.JacksonException;
import tools.jackson.core.StreamReadFeature;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Reads record request bodies and writes record documents. The body is parsed by hand so that
 * every mistake (bad JSON, duplicate or unknown keys, wrong types, too large) gets a precise
 * 4xx message instead of a framework exception.
 */
@Component
class RecordJson {

  /** Bodies above this are refused before they are parsed whole. */
  static final long MAX_BODY_BYTES = 2 * 1024 * 1024;
  private static final Set<String> TOP_LEVEL = Set.of("metadata", "access");
  private static final Set<String> ACCESS_KEYS = Set.of("record");

  record Input(JsonNode metadata, Access access) {}

  private final JsonMapper json;

  RecordJson(JsonMapper json) {
    this.json = json.rebuild().enable(StreamReadFeature.STRICT_DUPLICATE_DETECTION).build();
  }

  Input read(InputStream body) {
    JsonNode root;
    try {
      root = json.readTree(new BoundedInput(body, MAX_BODY_BYTES));
    } catch (JacksonException e) {
      throw ApiException.badRequest("Request body is not valid JSON");
    }
    if (root == null || root.isMissingNode() || !root.isObject()) {
      throw ApiException.badRequest("Request body must be a JSON object");
    }
    rejectUnknown(root, TOP_LEVEL, "");
    JsonNode access = root.get("access");
    Access level = Access.RESTRICTED;
    if (access != null && !access.isNull()) {
      if (!access.isObject()) {
        throw field("access", "must be an object such as {\"record\": \"public\"}");
      }
      rejectUnknown(access, ACCESS_KEYS, "access.");
      JsonNode record = access.get("record");
      if (record != null) {
        level = record.isString() ? Access.parse(record.asString()).orElse(null) : null;
        if (level == null) {
          throw field("access.record", "must be \"public\" or \"restricted\"");
        }
      }
    }
    return new Input(root.get("metadata"), level);
  }

  ObjectNode document(StoredRecord record, String baseUrl) {
    ObjectNode doc = json.createObjectNode();
    doc.put("id", record.id());
    doc.put("created", record.created().toString());
    doc.put("updated", record.updated().toString());
    doc.put("revision", record.revision());
    ObjectNode links = doc.putObject("links");
    links.put("self", baseUrl + "/api/records/" + record.id());
    links.put("files", baseUrl + "/api/records/" + record.id() + "/files");
    links.put("html", baseUrl + "/records/" + record.id());
    doc.set("metadata", record.metadata());
    doc.putObject("access").put("record", record.access().value());
    doc.putObject("owner").put("user", record.ownerId());
    return doc;
  }

  int serializedLength(JsonNode metadata) {
    return json.writeValueAsString(metadata).length();
  }

  private static void rejectUnknown(JsonNode node, Set<String> allowed, String prefix) {
    Iterator<String> names = node.propertyNames().iterator();
    while (names.hasNext()) {
      String name = names.next();
      if (!allowed.contains(name)) {
        throw field(prefix + name, "unknown field");
      }
    }
  }

  private static ApiException field(String field, String message) {
    Map<String, Object> error = new LinkedHashMap<>();
    error.put("field", field);
    error.put("messages", java.util.List.of(message));
    return new ApiException(HttpStatus.BAD_REQUEST, "A validation error occurred.", java.util.List.of(error));
  }
}
