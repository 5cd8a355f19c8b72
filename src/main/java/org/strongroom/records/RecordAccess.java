package org.strongroom.records;

import java.util.Optional;

import org.springframework.http.HttpStatus;
import org.strongroom.core.ApiException;
import org.strongroom.core.Caller;

/** The record access rules, in one place. */
final class RecordAccess {

  private RecordAccess() {}

  static boolean canSee(Optional<Caller> caller, StoredRecord record) {
    return record.access() == Access.PUBLIC
        || caller.map(c -> c.superuser() || c.userId() == record.ownerId()).orElse(false);
  }

  /** Owners and superusers may change a record; others who can see it get 403. */
  static void requireEdit(Caller caller, StoredRecord record) {
    if (!caller.superuser() && caller.userId() != record.ownerId()) {
      throw new ApiException(HttpStatus.FORBIDDEN, "Only the owner of a record may change it");
    }
  }

  static RecordStore.Visibility visibility(Optional<Caller> caller) {
    return caller.map(c -> new RecordStore.Visibility(c.userId(), c.superuser()))
        .orElse(RecordStore.Visibility.ANONYMOUS);
  }
}
