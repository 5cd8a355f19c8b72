package org.strongroom.records;

import java.text.Normalizer;
import java.time.Clock;
import java.time.Instant;
import java.time.temporal.ChronoUnit;
import java.util.HashMap;
import java.util.Locale;
import java.util.Map;
import java.util.Optional;

import org.springframework.context.ApplicationEventPublisher;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.annotation.Transactional;
import org.strongroom.core.ApiException;
import org.strongroom.core.AuditEvent;
import org.strongroom.core.Caller;
import org.strongroom.core.Scope;
import org.strongroom.plugins.Plugins;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * Creating, reading, updating, deleting and searching records. Every method takes the
 * caller and applies the record's access rules here, in one place.
 */
@Service
class Records {

  static final int MAX_ID_ATTEMPTS = 5;
  /** Stored metadata (as JSON text) stays well inside the database column. */
  static final int MAX_METADATA_CHARS = 500_000;

  private final RecordStore store;
  private final MetadataSchema schema;
  private final RecordJson json;
  private final Clock clock;
  private final ApplicationEventPublisher events;
  private final Plugins plugins;
  private final SearchIndex index;
  private final SearchCursor cursors;
  private final RecordReads reads;

  Records(RecordStore store, MetadataSchema schema, RecordJson json, Clock clock,
      ApplicationEventPublisher events, Plugins plugins, SearchIndex index, SearchCursor cursors,
      RecordReads reads) {
    this.reads = reads;
    this.plugins = plugins;
    this.store = store;
    this.index = index;
    this.cursors = cursors;
    this.schema = schema;
    this.json = json;
    this.clock = clock;
    this.events = events;
  }

  @Transactional
  StoredRecord create(Caller caller, JsonNode metadata, Access access) {
    caller.requireScope(Scope.RECORDS_WRITE);
    ObjectNode valid = validated(metadata);
    String text = storedText(valid);
    Instant now = now();
    String id = RecordIds.generate();
    for (int attempt = 1; store.find(id).isPresent(); attempt++) {
      if (attempt >= MAX_ID_ATTEMPTS) {
        throw new IllegalStateException("Could not allocate a record id");
      }
      id = RecordIds.generate();
    }
    StoredRecord record = new StoredRecord(id, caller.userId(), access, text, 1, now, now, null);
    store.insert(record, titleSort(valid));
    index.write(id, SearchDocument.of(valid));
    audit("record.create", caller, record);
    return record;
  }

  /** {@link RecordReads#read}: the row may come from {@link RecordCache}, the checks never do. */
  StoredRecord read(Optional<Caller> caller, String id) {
    return reads.read(caller, id);
  }

  /** {@link RecordReads#readForChange}: from the database, what a change is decided on. */
  StoredRecord readForChange(Caller caller, String id) {
    return reads.readForChange(caller, id);
  }

  @Transactional
  StoredRecord update(Caller caller, String id, Integer expectedRevision, JsonNode metadata, Access access) {
    caller.requireScope(Scope.RECORDS_WRITE);
    StoredRecord current = readForChange(caller, id);
    RecordAccess.requireEdit(caller, current);
    if (expectedRevision != null && expectedRevision != current.revision()) {
      throw stale(current);
    }
    ObjectNode valid = validated(metadata);
    var counted = index.counted(id);
    StoredRecord updated = new StoredRecord(current.id(), current.ownerId(), access, storedText(valid),
        current.revision() + 1, current.created(), now(), null);
    if (!store.update(updated, current.revision(), titleSort(valid))) {
      throw stale(store.find(id).orElse(current));
    }
    index.write(id, SearchDocument.of(valid), counted);
    audit("record.update", caller, updated);
    return updated;
  }

  @Transactional
  void delete(Caller caller, String id) {
    caller.requireScope(Scope.RECORDS_WRITE);
    StoredRecord current = readForChange(caller, id);
    RecordAccess.requireEdit(caller, current);
    var counted = index.counted(current.id());
    if (store.markDeleted(current.id(), now())) {
      index.remove(current.id(), counted);
      events.publishEvent(new RecordDeleted(current.id()));
      audit("record.delete", caller, current);
    }
  }

  boolean isLive(String id) {
    return RecordIds.isWellFormed(id) && store.find(id).map(r -> !r.isDeleted()).orElse(false);
  }

  /** Published after the change is written, so that a refused change leaves no entry. */
  private void audit(String action, Caller caller, StoredRecord record) {
    Map<String, String> details = new HashMap<>();
    details.put("access", record.access().value());
    details.put("revision", Integer.toString(record.revision()));
    if (caller.superuser()) {
      details.put("superuser", "true");
    }
    events.publishEvent(new AuditEvent(action, caller.userId(), null, "record:" + record.id(), "success", details));
  }

  /** A page of the records the caller may see that match; counts and buckets only of those. */
  RecordStore.Page search(Optional<Caller> caller, RecordQuery query) {
    caller.ifPresent(c -> c.requireScope(Scope.RECORDS_READ));
    SearchSql sql = SearchSql.of(store.dialect(), RecordAccess.visibility(caller), query.search(),
        query.filters(), query.sort());
    SearchCursor.Position after = query.cursor() == null || query.cursor().isEmpty() ? null
        : cursors.verify(query.fingerprint(), query.cursor());
    return store.search(sql, query.facets(), after, query.offset(), query.size());
  }

  /** The cursor for the page after the one that ended with this hit. */
  String cursorAfter(RecordQuery query, RecordStore.Hit last) {
    return cursors.sign(query.fingerprint(), last.position());
  }

  /** Database timestamps keep microseconds; responses must show what a later read shows. */
  private Instant now() {
    return clock.instant().truncatedTo(ChronoUnit.MICROS);
  }

  private ObjectNode validated(JsonNode metadata) {
    if (metadata == null || !metadata.isObject()) {
      throw ApiException.invalid("metadata", java.util.List.of("must be an object"));
    }
    schema.validate(metadata);
    @SuppressWarnings("unchecked")
    Map<String, Object> plain = JsonMapper.shared().convertValue(metadata, Map.class);
    java.util.List<String> refusals = plugins.validateMetadata(plain);
    if (!refusals.isEmpty()) {
      throw ApiException.invalid("metadata", refusals);
    }
    return (ObjectNode) metadata;
  }

  /** The metadata as it is stored and sent: JSON text, within {@link #MAX_METADATA_CHARS}. */
  private String storedText(ObjectNode metadata) {
    String text = json.text(metadata);
    if (text.length() > MAX_METADATA_CHARS) {
      throw new ApiException(HttpStatus.CONTENT_TOO_LARGE,
          "Metadata is larger than the " + MAX_METADATA_CHARS + " characters allowed");
    }
    return text;
  }

  private static ApiException stale(StoredRecord current) {
    return new ApiException(HttpStatus.PRECONDITION_FAILED,
        "The record has changed since it was read (now at revision " + current.revision() + ")");
  }

  static String titleSort(ObjectNode metadata) {
    String title = metadata.path("title").asString("");
    String folded = fold(title);
    return folded.length() > 500 ? folded.substring(0, 500) : folded;
  }

  /**
   * Text as the title sort column holds it: NFC, lower case, and without U+0000, which
   * PostgreSQL's text cannot hold (the metadata keeps it, as the JSON escape {@code \u0000}).
   */
  static String fold(String text) {
    return Normalizer.normalize(text.replace("\0", ""), Normalizer.Form.NFC).toLowerCase(Locale.ROOT);
  }
}
