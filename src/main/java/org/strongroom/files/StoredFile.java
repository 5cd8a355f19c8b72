package org.strongroom.files;

import java.time.Instant;

/**
 * One version of a file as stored. {@code id} is new for every version (signed URLs name it),
 * {@code blob} is the generated storage name, {@code sha256} lower-case hex.
 */
record StoredFile(String id, String recordId, String key, String blob, long size, String sha256,
    String md5, String mimeType, long uploaderId, Instant created) {

  String etag() {
    return "\"" + sha256 + "\"";
  }
}
