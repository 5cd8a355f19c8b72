package org.strongroom.files;

import java.io.IOException;
import java.net.URI;
import java.util.List;
import java.util.Optional;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpHeaders;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RestController;
import org.strongroom.core.ApiException;
import org.strongroom.core.BaseUrl;
import org.strongroom.core.Callers;
import org.strongroom.core.ClientAddress;

/** The files REST API (docs/api/files.md). */
@RestController
@RequestMapping("/api/records/{id}/files")
class FileApiController {

  private final RecordFiles files;
  private final FilesProperties properties;
  private final SignedUrls signedUrls;

  FileApiController(RecordFiles files, FilesProperties properties, SignedUrls signedUrls) {
    this.files = files;
    this.properties = properties;
    this.signedUrls = signedUrls;
  }

  @GetMapping(produces = MediaType.APPLICATION_JSON_VALUE)
  @PermitAll
  FileEntry.Listing list(@PathVariable String id) {
    String base = baseUrl();
    List<FileEntry> entries = files.list(Callers.current(), id).stream()
        .map(file -> FileEntry.of(file, base)).toList();
    return new FileEntry.Listing(entries, new FileEntry.SelfLink(base + "/api/records/" + id + "/files"));
  }

  @GetMapping(path = "/{key}", produces = MediaType.APPLICATION_JSON_VALUE)
  @PermitAll
  ResponseEntity<FileEntry> read(@PathVariable String id, @PathVariable String key) {
    StoredFile file = files.read(Callers.current(), id, key);
    return ResponseEntity.ok().eTag(file.etag()).body(FileEntry.of(file, baseUrl()));
  }

  @PutMapping(path = "/{key}", produces = MediaType.APPLICATION_JSON_VALUE)
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<FileEntry> upload(@PathVariable String id, @PathVariable String key,
      @RequestHeader(name = HttpHeaders.IF_NONE_MATCH, required = false) String ifNoneMatch,
      HttpServletRequest request) throws IOException {
    if (ifNoneMatch != null && !ifNoneMatch.strip().equals("*")) {
      throw ApiException.badRequest("If-None-Match on an upload must be *");
    }
    RecordFiles.Upload upload = new RecordFiles.Upload(request.getContentLengthLong(),
        request.getContentType(), ifNoneMatch != null, ClientAddress.of(request));
    RecordFiles.Uploaded result = files.upload(Callers.required(), id, key, upload, request.getInputStream());
    FileEntry body = FileEntry.of(result.file(), baseUrl());
    ResponseEntity.BodyBuilder response = result.replaced() ? ResponseEntity.ok()
        : ResponseEntity.created(URI.create(body.links().self()));
    return response.eTag(result.file().etag()).body(body);
  }

  @DeleteMapping("/{key}")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<Void> delete(@PathVariable String id, @PathVariable String key, HttpServletRequest request) {
    files.delete(Callers.required(), id, key, ClientAddress.of(request));
    return ResponseEntity.noContent().build();
  }

  /**
   * The bytes, served inert; or, with a files origin configured, a redirect to a short-lived
   * signed URL there, so that nothing in a file ever runs on the application's origin.
   */
  @GetMapping("/{key}/content")
  @PermitAll
  void content(@PathVariable String id, @PathVariable String key, HttpServletRequest request,
      HttpServletResponse response) throws IOException {
    StoredFile file = files.read(Callers.current(), id, key);
    Optional<String> origin = properties.originUrl();
    if (origin.isPresent()) {
      FileResponses.inertHeaders(response, "same-origin");
      response.setHeader(HttpHeaders.CACHE_CONTROL, "no-store");
      response.setHeader(HttpHeaders.LOCATION, origin.get() + signedUrls.sign(file.id()));
      response.setStatus(HttpServletResponse.SC_FOUND);
      return;
    }
    FileResponses.write(request, response, file, files, "same-origin", "private, no-cache");
  }

  private static String baseUrl() {
    return BaseUrl.current();
  }
}
