package org.strongroom.records;

import org.springframework.stereotype.Service;
import org.strongroom.core.Caller;
import org.strongroom.core.Scope;
import tools.jackson.databind.JsonNode;

/** Creating records from inside the server (demo data, imports), with the same checks as the API. */
@org.springframework.modulith.NamedInterface("import")
@Service
public class RecordImport {

  private final Records records;

  RecordImport(Records records) {
    this.records = records;
  }

  /** Validates and stores a record owned by, and audited as created by, that user; returns its id. */
  public String create(long ownerId, JsonNode metadata, boolean restricted) {
    return records.create(new Owner(ownerId), metadata, restricted ? Access.RESTRICTED : Access.PUBLIC).id();
  }

  /** The owner as the creator of an imported record: may write records, and nothing else. */
  private record Owner(long userId) implements Caller {

    @Override
    public String email() {
      return "";
    }

    @Override
    public boolean superuser() {
      return false;
    }

    @Override
    public String authMethod() {
      return "import";
    }

    @Override
    public boolean hasScope(Scope scope) {
      return scope == Scope.RECORDS_WRITE;
    }
  }
}
