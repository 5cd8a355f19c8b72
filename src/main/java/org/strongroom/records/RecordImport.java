package org.strongroom.records;

import org.springframework.stereotype.Service;
import org.strongroom.core.Caller;
import tools.jackson.databind.JsonNode;

/** Creating records from inside the server (demo data, imports), with the same checks as the API. */
@org.springframework.modulith.NamedInterface("import")
@Service
public class RecordImport {

  private final Records records;

  RecordImport(Records records) {
    this.records = records;
  }

  /** Validates and stores a record owned by the caller; returns its id. */
  public String create(Caller owner, JsonNode metadata, boolean restricted) {
    return records.create(owner, metadata, restricted ? Access.RESTRICTED : Access.PUBLIC).id();
  }
}
