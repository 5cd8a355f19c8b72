package org.strongroom.files;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import org.springframework.stereotype.Component;
import org.strongroom.core.Caller;
import org.strongroom.records.RecordAttachments;

/** The record pages' view of files: the same checks as {@code GET /api/records/{id}/files}. */
@Component
class AttachmentsForPages implements RecordAttachments {

  private final RecordFiles files;
  private final FileStore store;
  private final FilesProperties properties;

  AttachmentsForPages(RecordFiles files, FileStore store, FilesProperties properties) {
    this.files = files;
    this.store = store;
    this.properties = properties;
  }

  @Override
  public List<Attachment> list(Optional<Caller> caller, String recordId) {
    return files.list(caller, recordId).stream()
        .map(f -> new Attachment(f.key(), f.size(), f.mimeType(), f.sha256())).toList();
  }

  @Override
  public long bytesUsedBy(Caller caller) {
    return store.bytesUploadedBy(caller.userId());
  }

  @Override
  public OptionalLong quota() {
    var quota = properties.quotaPerUser();
    return quota == null ? OptionalLong.empty() : OptionalLong.of(quota.toBytes());
  }
}
