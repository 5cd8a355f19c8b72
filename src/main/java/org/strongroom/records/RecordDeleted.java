package org.strongroom.records;

/** Published when a record is deleted, inside the deleting transaction; listeners clean up after it. */
@org.springframework.modulith.NamedInterface("attachments")
public record RecordDeleted(String recordId) {}
