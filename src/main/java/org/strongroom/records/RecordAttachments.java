package org.strongroom.records;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.strongroom.core.Caller;

/**
 * What the record pages show of a record's files, provided by the files feature (which depends
 * on records, so records asks through this interface instead of the other way round).
 */
@org.springframework.modulith.NamedInterface("attachments")
public interface RecordAttachments {

  /** One file as the record page lists it. */
  record Attachment(String key, long size, String type, String sha256) {}

  /** The files of a record the caller may see, by key; the caller's rights are checked. */
  List<Attachment> list(Optional<Caller> caller, String recordId);

  /** Bytes the user has uploaded, counted against {@link #quota()}. */
  long bytesUsedBy(Caller caller);

  /** The per-user upload quota in bytes, if one is configured. */
  OptionalLong quota();
}
