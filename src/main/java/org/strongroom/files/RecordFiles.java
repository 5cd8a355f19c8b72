package org.strongroom.files;

import java.io.IOException;
import java.io.InputStream;
import java.time.Clock;
import java.time.temporal.ChronoUnit;
import java.util.HexFormat;
import java.util.List;
import java.util.Map;
import java.util.Optional;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.context.ApplicationEventPublisher;
import org.springframework.dao.DuplicateKeyException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Service;
import org.springframework.transaction.TransactionDefinition;
import org.springframework.transaction.support.TransactionTemplate;
import org.strongroom.core.ApiException;
import org.strongroom.core.BodyLimitProperties;
import org.strongroom.core.AuditEvent;
import org.strongroom.core.Caller;
import org.strongroom.core.Scope;
import org.strongroom.records.RecordPermissions;

/**
 * Uploading, listing, reading and deleting the files of a record, with the record's access
 * rules. An upload is staged (synced temp file), stored under a generated name, and only then
 * recorded in the database, so a reader never meets a partial file.
 */
@Service
class RecordFiles {

  /** What the client sent besides the body. */
  record Upload(long contentLength, String contentType, boolean ifNoneMatchAny, String clientAddress) {}

  /** The stored version and whether it replaced an older one. */
  record Uploaded(StoredFile file, boolean replaced) {}

  private static final Logger log = LoggerFactory.getLogger(RecordFiles.class);
  private static final int MAX_ATTEMPTS = 5;

  private final RecordPermissions records;
  private final FileStore store;
  private final BlobStore blobs;
  private final UploadStaging staging;
  private final FilesProperties properties;
  private final BodyLimitProperties bodyLimit;
  private final TransactionTemplate transactions;
  private final TransactionTemplate quotaTransactions;
  private final ApplicationEventPublisher events;
  private final Clock clock;

  RecordFiles(RecordPermissions records, FileStore store, BlobStore blobs, UploadStaging staging,
      FilesProperties properties, BodyLimitProperties bodyLimit, TransactionTemplate transactions, ApplicationEventPublisher events,
      Clock clock) {
    this.records = records;
    this.store = store;
    this.blobs = blobs;
    this.staging = staging;
    this.properties = properties;
    this.bodyLimit = bodyLimit;
    this.transactions = transactions;
    // The quota check must see what the previous holder of the user lock committed: that
    // needs a fresh snapshot per statement, whatever the database's default isolation.
    this.quotaTransactions = new TransactionTemplate(transactions.getTransactionManager(), transactions);
    this.quotaTransactions.setIsolationLevel(TransactionDefinition.ISOLATION_READ_COMMITTED);
    this.events = events;
    this.clock = clock;
  }

  Uploaded upload(Caller caller, String recordId, String rawKey, Upload upload, InputStream body) {
    caller.requireScope(Scope.FILES_WRITE);
    records.requireEditable(caller, recordId);
    String key = FileKeys.normalize(rawKey);
    long maxBody = bodyLimit.maxContentLength().toBytes();
    Long quota = properties.quotaPerUser() == null ? null : properties.quotaPerUser().toBytes();
    ApiException tooLarge = new ApiException(HttpStatus.CONTENT_TOO_LARGE,
        "Request body is larger than the " + maxBody + " bytes allowed (strongroom.max-content-length)");
    // Within the size limit but beyond the whole quota: storage the user lacks (507), as when
    // the quota is merely full; 413 stays for bodies above max-content-length.
    ApiException overQuota = new ApiException(HttpStatus.INSUFFICIENT_STORAGE,
        "The file is larger than your whole storage quota of " + quota + " bytes");
    if (upload.contentLength() > maxBody) {
      throw tooLarge;
    }
    if (quota != null && upload.contentLength() > quota) {
      throw overQuota;
    }
    Optional<StoredFile> existing = store.find(recordId, key);
    if (upload.ifNoneMatchAny() && existing.isPresent()) {
      throw exists();
    }
    if (quota != null && upload.contentLength() >= 0) {
      requireRoom(caller, quota, upload.contentLength(), existing);
    }

    long limit = quota == null ? maxBody : Math.min(maxBody, quota);
    UploadStaging.Staged staged = staging.receive(body, limit,
        quota != null && quota < maxBody ? overQuota : tooLarge);
    try {
      String type = FileTypes.detect(staged.path(), key, upload.contentType());
      requireAllowed(type);
      if (quota != null) {
        // Now that the size is known (also for a chunked body): refuse what clearly cannot fit
        // before storing it. Not authoritative; the check under the user's lock below is.
        requireRoom(caller, quota, staged.size(), store.find(recordId, key));
      }
      StoredFile file = new StoredFile(BlobNames.generate(), recordId, key, BlobNames.generate(),
          staged.size(), HexFormat.of().formatHex(staged.sha256()), HexFormat.of().formatHex(staged.md5()),
          type, caller.userId(), clock.instant().truncatedTo(ChronoUnit.MICROS));
      try {
        blobs.put(file.blob(), staged.path(), file.size(), staged.md5());
      } catch (IOException e) {
        // Storage unreachable or refusing: nothing was recorded, the client may retry.
        log.warn("Answered 503: storing an upload failed ({})", e.toString());
        throw new ApiException(HttpStatus.SERVICE_UNAVAILABLE, "File storage is unavailable; try again shortly");
      }
      Optional<StoredFile> replaced;
      try {
        replaced = record(caller, file, upload.ifNoneMatchAny(), quota);
      } catch (RuntimeException e) {
        deleteBlob(file.blob());
        throw e;
      }
      replaced.ifPresent(old -> deleteBlob(old.blob()));
      audit(caller, "file.upload", file, upload.clientAddress());
      return new Uploaded(file, replaced.isPresent());
    } finally {
      staging.discard(staged);
    }
  }

  /**
   * Inserts the new version, replacing the current one in the same transaction. With a quota,
   * the uploader's row is locked first, so that concurrent uploads of one user are checked
   * one after the other against what is committed: together they never exceed the quota.
   * (Lock order: user, then file row; a refusal rolls back and the caller removes the blob.)
   */
  private Optional<StoredFile> record(Caller caller, StoredFile file, boolean ifNoneMatchAny, Long quota) {
    TransactionTemplate template = quota == null ? transactions : quotaTransactions;
    for (int attempt = 1; ; attempt++) {
      try {
        return template.execute(status -> {
          if (quota != null) {
            store.lockUploader(caller.userId());
          }
          Optional<StoredFile> current = store.findForUpdate(file.recordId(), file.key());
          if (ifNoneMatchAny && current.isPresent()) {
            throw exists();
          }
          if (quota != null) {
            requireRoom(caller, quota, file.size(), current);
          }
          if (current.isPresent()) {
            store.replace(current.get().id(), file);
          } else {
            store.insert(file);
          }
          return current;
        });
      } catch (DuplicateKeyException e) {
        // Another upload of the same key committed first; on the next attempt we replace it.
        if (attempt >= MAX_ATTEMPTS) {
          throw new ApiException(HttpStatus.CONFLICT, "Another upload of this key is in progress; try again");
        }
      }
    }
  }

  List<StoredFile> list(Optional<Caller> caller, String recordId) {
    requireVisible(caller, recordId);
    return store.list(recordId);
  }

  StoredFile read(Optional<Caller> caller, String recordId, String rawKey) {
    requireVisible(caller, recordId);
    String key = FileKeys.normalize(rawKey);
    return store.find(recordId, key).orElseThrow(() -> ApiException.notFound("File"));
  }

  void delete(Caller caller, String recordId, String rawKey, String clientAddress) {
    caller.requireScope(Scope.FILES_WRITE);
    records.requireEditable(caller, recordId);
    StoredFile file = store.find(recordId, FileKeys.normalize(rawKey))
        .orElseThrow(() -> ApiException.notFound("File"));
    if (store.delete(file.id())) {
      deleteBlob(file.blob());
      audit(caller, "file.delete", file, clientAddress);
    }
  }

  /** A version by its id, for a signed download (the signature stands in for the caller's rights). */
  Optional<StoredFile> version(String id) {
    return BlobNames.isWellFormed(id) ? store.findById(id) : Optional.empty();
  }

  InputStream open(StoredFile file, long first, long last) throws IOException {
    return blobs.open(file.blob(), first, last);
  }

  /** Removes every file of a record (after the record itself was deleted). */
  int deleteAllOf(String recordId) {
    int removed = 0;
    for (StoredFile file : store.list(recordId)) {
      if (store.delete(file.id())) {
        deleteBlob(file.blob());
        removed++;
      }
    }
    return removed;
  }

  private void requireVisible(Optional<Caller> caller, String recordId) {
    caller.ifPresent(c -> c.requireScope(Scope.FILES_READ));
    records.requireVisible(caller, recordId);
  }

  private void requireRoom(Caller caller, long quota, long size, Optional<StoredFile> replacing) {
    long used = store.bytesUploadedBy(caller.userId())
        - replacing.filter(f -> f.uploaderId() == caller.userId()).map(StoredFile::size).orElse(0L);
    if (used + size > quota) {
      throw new ApiException(HttpStatus.INSUFFICIENT_STORAGE,
          "Your storage quota of " + quota + " bytes would be exceeded (" + used + " bytes in use)");
    }
  }

  private void requireAllowed(String type) {
    List<String> allowed = properties.allowedTypes();
    if (!allowed.isEmpty() && !allowed.contains(type)) {
      throw new ApiException(HttpStatus.UNSUPPORTED_MEDIA_TYPE,
          "Files of type " + type + " are not accepted here");
    }
  }

  private void deleteBlob(String blob) {
    try {
      blobs.delete(blob);
    } catch (IOException | RuntimeException e) {
      log.warn("Could not delete blob {}; the sweeper will remove it", blob, e);
    }
  }

  private void audit(Caller caller, String action, StoredFile file, String clientAddress) {
    events.publishEvent(new AuditEvent(action, caller.userId(), clientAddress,
        "record:" + file.recordId(), "success",
        Map.of("file", file.id(), "key", file.key(), "size", Long.toString(file.size()), "sha256", file.sha256())));
  }

  private static ApiException exists() {
    return new ApiException(HttpStatus.PRECONDITION_FAILED,
        "A file with this key exists and If-None-Match: * forbids replacing it");
  }
}
