package org.strongroom.records;

import java.time.Instant;

/**
 * A record as stored. {@code metadataJson} is the metadata as JSON text, written by Jackson when
 * the record was saved: documents copy it into responses as it is, without parsing it again.
 */
record StoredRecord(String id, long ownerId, Access access, String metadataJson, int revision,
    Instant created, Instant updated, Instant deleted) {

  boolean isDeleted() {
    return deleted != null;
  }
}
