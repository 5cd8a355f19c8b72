package org.strongroom.records;

import java.util.Optional;

import org.springframework.stereotype.Service;
import org.strongroom.core.Caller;

/**
 * What other features may ask about a record's access rules, without reaching into records:
 * the answers are the records API's own, with the same 404 / 410 / 403 errors.
 */
@org.springframework.modulith.NamedInterface("attachments")
@Service
public class RecordPermissions {

  private final Records records;

  RecordPermissions(Records records) {
    this.records = records;
  }

  /**
   * Passes when the caller (or an anonymous visitor) may see the record; otherwise throws the
   * {@code ApiException} the records API would answer: 404 when invisible or unknown, 410
   * when deleted, 403 when a token lacks {@code records:read}.
   */
  public void requireVisible(Optional<Caller> caller, String recordId) {
    records.read(caller, recordId);
  }

  /** As {@link #requireVisible}, and 403 unless the caller owns the record or is a superuser. */
  public void requireEditable(Caller caller, String recordId) {
    RecordAccess.requireEdit(caller, records.readForChange(caller, recordId));
  }

  /** Whether the record exists and is not deleted, regardless of who asks (for housekeeping). */
  public boolean isLive(String recordId) {
    return records.isLive(recordId);
  }
}
