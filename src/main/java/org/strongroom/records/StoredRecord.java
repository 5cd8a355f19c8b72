package org.strongroom.records;

import java.time.Instant;

import tools.jackson.databind.node.ObjectNode;

/** A record as stored. */
record StoredRecord(String id, long ownerId, Access access, ObjectNode metadata, int revision,
    Instant created, Instant updated, Instant deleted) {

  boolean isDeleted() {
    return deleted != null;
  }
}
