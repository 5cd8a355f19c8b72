package org.strongroom.records;

import java.io.ByteArrayOutputStream;
import java.io.InputStream;
import java.util.Iterator;
import java.util.List;
import java.util.Map;
import java.util.Set;

import org.springframework.stereotype.Component;
import org.strongroom.core.ApiException;
import org.strongroom.core.BoundedInput;
import tools.jackson.core.JacksonException;
import tools.jackson.core.JsonGenerator;
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

  /** The metadata as stored: compact JSON text. */
  String text(ObjectNode metadata) {
    return json.writeValueAsString(metadata);
  }

  /** The stored metadata as a tree, for pages that pick fields out of it. */
  JsonNode metadata(StoredRecord record) {
    return json.readTree(record.metadataJson());
  }

  static String selfUrl(StoredRecord record, String baseUrl) {
    return baseUrl + "/api/records/" + record.id();
  }

  /** The record document (docs/api/records.md) as UTF-8 JSON. */
  byte[] document(StoredRecord record, String baseUrl) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(512 + record.metadataJson().length());
    try (JsonGenerator generator = json.createGenerator(out)) {
      write(generator, record, baseUrl);
    }
    return out.toByteArray();
  }

  /** A page of search results: the hits, their total, the page links and the sort. */
  byte[] searchPage(List<StoredRecord> hits, long total, Map<String, String> links, String sortBy,
      Map<Facet, List<RecordStore.Bucket>> aggregations, String baseUrl) {
    ByteArrayOutputStream out = new ByteArrayOutputStream(1024 + 1024 * hits.size());
    try (JsonGenerator generator = json.createGenerator(out)) {
      generator.writeStartObject();
      generator.writeName("hits");
      generator.writeStartObject();
      generator.writeName("hits");
      generator.writeStartArray();
      for (StoredRecord record : hits) {
        write(generator, record, baseUrl);
      }
      generator.writeEndArray();
      generator.writeNumberProperty("total", total);
      generator.writeEndObject();
      generator.writeName("links");
      generator.writeStartObject();
      for (Map.Entry<String, String> link : links.entrySet()) {
        generator.writeStringProperty(link.getKey(), link.getValue());
      }
      generator.writeEndObject();
      generator.writeStringProperty("sortBy", sortBy);
      if (!aggregations.isEmpty()) {
        writeAggregations(generator, aggregations);
      }
      generator.writeEndObject();
    }
    return out.toByteArray();
  }

  /** Invenio's shape: {@code {"keyword": {"buckets": [{"key": "ocean", "doc_count": 3}]}}}. */
  private static void writeAggregations(JsonGenerator generator, Map<Facet, List<RecordStore.Bucket>> aggregations) {
    generator.writeName("aggregations");
    generator.writeStartObject();
    aggregations.forEach((facet, buckets) -> {
      generator.writeName(facet.parameter());
      generator.writeStartObject();
      generator.writeName("buckets");
      generator.writeStartArray();
      for (RecordStore.Bucket bucket : buckets) {
        generator.writeStartObject();
        generator.writeStringProperty("key", bucket.key());
        generator.writeNumberProperty("doc_count", bucket.docCount());
        generator.writeEndObject();
      }
      generator.writeEndArray();
      generator.writeEndObject();
    });
    generator.writeEndObject();
  }

  /**
   * Writes one record document. The metadata goes in as raw JSON: it is the text Jackson wrote
   * when the record was saved ({@link #text}), so parsing it into a tree only to write it out
   * again would cost the largest part of a list's time for the same bytes.
   */
  private static void write(JsonGenerator generator, StoredRecord record, String baseUrl) {
    String self = selfUrl(record, baseUrl);
    generator.writeStartObject();
    generator.writeStringProperty("id", record.id());
    generator.writeStringProperty("created", InstantText.of(record.created()));
    generator.writeStringProperty("updated", InstantText.of(record.updated()));
    generator.writeNumberProperty("revision", record.revision());
    generator.writeName("links");
    generator.writeStartObject();
    generator.writeStringProperty("self", self);
    generator.writeStringProperty("files", self + "/files");
    generator.writeStringProperty("html", baseUrl + "/records/" + record.id());
    generator.writeEndObject();
    generator.writeName("metadata");
    generator.writeRawValue(record.metadataJson());
    generator.writeName("access");
    generator.writeStartObject();
    generator.writeStringProperty("record", record.access().value());
    generator.writeEndObject();
    generator.writeName("owner");
    generator.writeStartObject();
    generator.writeNumberProperty("user", record.ownerId());
    generator.writeEndObject();
    generator.writeEndObject();
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
    return ApiException.invalid(field, List.of(message));
  }
}
