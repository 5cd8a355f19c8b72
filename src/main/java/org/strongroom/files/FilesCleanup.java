package org.strongroom.files;

import java.io.IOException;
import java.time.Clock;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.scheduling.annotation.SchedulingConfigurer;
import org.springframework.scheduling.config.ScheduledTaskRegistrar;
import org.springframework.stereotype.Component;
import org.springframework.transaction.annotation.Propagation;
import org.springframework.transaction.annotation.Transactional;
import org.springframework.transaction.event.TransactionalEventListener;
import org.strongroom.records.RecordDeleted;
import org.strongroom.records.RecordPermissions;

/**
 * Removes what no longer belongs: the files of a deleted record (when the deletion commits),
 * and periodically the leftovers of crashes — staged uploads, blobs no row points to, and
 * files of records deleted while the server was down.
 */
@Component
class FilesCleanup implements SchedulingConfigurer {

  /** What one sweep removed. */
  record Sweep(int staged, int orphanedBlobs, int filesOfDeletedRecords) {}

  private static final Logger log = LoggerFactory.getLogger(FilesCleanup.class);

  private final RecordFiles files;
  private final FileStore store;
  private final BlobStore blobs;
  private final UploadStaging staging;
  private final RecordPermissions records;
  private final FilesProperties properties;
  private final Clock clock;

  FilesCleanup(RecordFiles files, FileStore store, BlobStore blobs, UploadStaging staging,
      RecordPermissions records, FilesProperties properties, Clock clock) {
    this.files = files;
    this.store = store;
    this.blobs = blobs;
    this.staging = staging;
    this.records = records;
    this.properties = properties;
    this.clock = clock;
  }

  @TransactionalEventListener
  @Transactional(propagation = Propagation.REQUIRES_NEW)
  public void recordDeleted(RecordDeleted event) {
    int removed = files.deleteAllOf(event.recordId());
    if (removed > 0) {
      log.info("Removed {} file(s) of deleted record {}", removed, event.recordId());
    }
  }

  @Override
  public void configureTasks(ScheduledTaskRegistrar registrar) {
    registrar.addFixedDelayTask(this::sweepQuietly, properties.sweepInterval());
  }

  private void sweepQuietly() {
    try {
      Sweep sweep = sweep(clock.instant().minus(properties.orphanGrace()));
      if (sweep.staged() + sweep.orphanedBlobs() + sweep.filesOfDeletedRecords() > 0) {
        log.info("File sweep removed {} staged upload(s), {} orphaned blob(s), {} file(s) of deleted records",
            sweep.staged(), sweep.orphanedBlobs(), sweep.filesOfDeletedRecords());
      }
    } catch (IOException | RuntimeException e) {
      log.warn("File sweep failed; it will run again", e);
    }
  }

  /** Removes leftovers older than {@code cutoff}, so that uploads in progress are never touched. */
  Sweep sweep(Instant cutoff) throws IOException {
    int staged = staging.sweep(cutoff);
    List<String> orphans = new ArrayList<>();
    blobs.forEach((name, modified) -> {
      if (modified.isBefore(cutoff) && !store.blobInUse(name)) {
        orphans.add(name);
      }
    });
    for (String orphan : orphans) {
      blobs.delete(orphan);
    }
    int ofDeleted = 0;
    for (String recordId : store.recordIds()) {
      if (!records.isLive(recordId)) {
        ofDeleted += files.deleteAllOf(recordId);
      }
    }
    return new Sweep(staged, orphans.size(), ofDeleted);
  }
}
