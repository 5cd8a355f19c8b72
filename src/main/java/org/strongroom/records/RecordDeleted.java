package org.strongroom.records;

/** Published when a record is deleted, inside the deleting transaction; listeners clean up after it. */
public record RecordDeleted(String recordId) {}
