package org.strongroom.records;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Component;
import org.strongroom.core.ApiException;
import org.strongroom.core.Caller;
import org.strongroom.core.Scope;

/**
 * Reading one record for a caller, with the record access rules. Apart from {@link Records}
 * because nothing here needs a transaction: the API's record read, which every client repeats,
 * calls this class directly rather than through the transactional proxy around {@code Records}.
 */
@Component
class RecordReads {

  private final RecordStore store;
  private final RecordCache cache;
  private final RecordJson json;

  RecordReads(RecordStore store, RecordCache cache, RecordJson json) {
    this.store = store;
    this.cache = cache;
    this.json = json;
  }

  /**
   * A record the caller may see; 404 when they may not know it exists, 410 once deleted. The
   * row may come from {@link RecordCache}; the checks are made here, on every call, for this caller.
   */
  StoredRecord read(Optional<Caller> caller, String id) {
    return visible(caller, id, true);
  }

  /** As {@link #read}, from the database: what a change is decided on. */
  StoredRecord readForChange(Caller caller, String id) {
    return visible(Optional.of(caller), id, false);
  }

  /** The record document of a record {@link #read} returned (rendered once per cached row). */
  byte[] document(StoredRecord record, String baseUrl) {
    return cache.document(record, baseUrl, row -> json.document(row, baseUrl));
  }

  private StoredRecord visible(Optional<Caller> caller, String id, boolean cached) {
    caller.ifPresent(c -> c.requireScope(Scope.RECORDS_READ));
    StoredRecord record = !RecordIds.isWellFormed(id) ? null
        : (cached ? cache.find(id, store::find) : store.find(id)).orElse(null);
    if (record == null || !RecordAccess.canSee(caller, record)) {
      throw ApiException.notFound("Record");
    }
    if (record.isDeleted()) {
      throw new ApiException(HttpStatus.GONE, "Record has been deleted");
    }
    return record;
  }
}
