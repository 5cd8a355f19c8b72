package org.strongroom.files;

import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.springframework.web.util.UriUtils;

/** A file as the files API shows it (docs/api/files.md): never its blob name, uploader or md5. */
@JsonPropertyOrder({"key", "size", "checksum", "mimetype", "created", "links"})
record FileEntry(String key, long size, String checksum, String mimetype, String created, Links links) {

  @JsonPropertyOrder({"self", "content"})
  record Links(String self, String content) {}

  /** The body of {@code GET /api/records/{id}/files}. */
  @JsonPropertyOrder({"entries", "links"})
  record Listing(List<FileEntry> entries, SelfLink links) {}

  record SelfLink(String self) {}

  static FileEntry of(StoredFile file, String base) {
    String self = base + "/api/records/" + file.recordId() + "/files/"
        + UriUtils.encodePathSegment(file.key(), StandardCharsets.UTF_8);
    return new FileEntry(file.key(), file.size(), "sha256:" + file.sha256(), file.mimeType(),
        file.created().toString(), new Links(self, self + "/content"));
  }
}
