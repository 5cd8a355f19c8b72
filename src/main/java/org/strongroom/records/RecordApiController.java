package org.strongroom.records;

import java.io.IOException;
import java.net.URI;
import java.util.ArrayList;
import java.util.List;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.http.HttpServletRequest;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.web.bind.annotation.DeleteMapping;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.web.servlet.support.ServletUriComponentsBuilder;
import org.springframework.web.util.UriComponentsBuilder;
import org.strongroom.core.ApiException;
import org.strongroom.core.Caller;
import org.strongroom.core.Callers;
import tools.jackson.databind.node.ArrayNode;
import tools.jackson.databind.node.ObjectNode;

/** The records REST API (SPEC §7). */
@RestController
@RequestMapping(path = "/api/records", produces = MediaType.APPLICATION_JSON_VALUE)
class RecordApiController {

  private final Records records;
  private final RecordJson json;

  RecordApiController(Records records, RecordJson json) {
    this.records = records;
    this.json = json;
  }

  @PostMapping({"", "/"})
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<ObjectNode> create(HttpServletRequest request) throws IOException {
    RecordJson.Input input = json.read(request.getInputStream());
    StoredRecord record = records.create(caller(), input.metadata(), input.access());
    ObjectNode doc = json.document(record, baseUrl());
    return ResponseEntity.created(URI.create(doc.path("links").path("self").asString()))
        .eTag(etag(record)).body(doc);
  }

  @GetMapping("/{id}")
  @PermitAll
  ResponseEntity<ObjectNode> read(@PathVariable String id) {
    StoredRecord record = records.read(Callers.current(), id);
    return ResponseEntity.ok().eTag(etag(record)).body(json.document(record, baseUrl()));
  }

  @PutMapping("/{id}")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<ObjectNode> update(@PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      HttpServletRequest request) throws IOException {
    RecordJson.Input input = json.read(request.getInputStream());
    StoredRecord record = records.update(caller(), id, parseRevision(ifMatch), input.metadata(), input.access());
    return ResponseEntity.ok().eTag(etag(record)).body(json.document(record, baseUrl()));
  }

  @DeleteMapping("/{id}")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<Void> delete(@PathVariable String id) {
    records.delete(caller(), id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping({"", "/"})
  @PermitAll
  ResponseEntity<ObjectNode> search(@RequestParam(required = false) String q,
      @RequestParam(required = false) String sort, @RequestParam(required = false) String page,
      @RequestParam(required = false) String size) {
    RecordQuery query = RecordQuery.of(q, sort, page, size);
    RecordStore.Page result = records.search(Callers.current(), query);
    String base = baseUrl();
    ObjectNode body = searchBody(query, result, base);
    return ResponseEntity.ok().header(HttpHeaders.LINK, linkHeader(body.path("links"))).body(body);
  }

  private ObjectNode searchBody(RecordQuery query, RecordStore.Page result, String base) {
    ObjectNode body = tools.jackson.databind.node.JsonNodeFactory.instance.objectNode();
    ObjectNode hits = body.putObject("hits");
    ArrayNode list = hits.putArray("hits");
    result.hits().forEach(record -> list.add(json.document(record, base)));
    hits.put("total", result.total());
    ObjectNode links = body.putObject("links");
    links.put("self", pageUrl(base, query, query.page()));
    if (query.page() > 1) {
      links.put("prev", pageUrl(base, query, query.page() - 1));
    }
    long seen = (long) query.page() * query.size();
    if (seen < result.total() && seen + query.size() <= RecordQuery.MAX_WINDOW) {
      links.put("next", pageUrl(base, query, query.page() + 1));
    }
    body.put("sortBy", query.sort().value());
    return body;
  }

  private static String pageUrl(String base, RecordQuery query, int page) {
    UriComponentsBuilder url = UriComponentsBuilder.fromUriString(base).path("/api/records/");
    if (!query.q().isEmpty()) {
      url.queryParam("q", query.q());
    }
    return url.queryParam("sort", query.sort().value()).queryParam("page", page)
        .queryParam("size", query.size()).encode().build().toUriString();
  }

  private static String linkHeader(tools.jackson.databind.JsonNode links) {
    List<String> parts = new ArrayList<>();
    for (String rel : List.of("self", "prev", "next")) {
      if (links.has(rel)) {
        parts.add("<" + links.get(rel).asString() + ">; rel=\"" + rel + "\"");
      }
    }
    return String.join(", ", parts);
  }

  private static Caller caller() {
    return Callers.current().orElseThrow(
        () -> new ApiException(HttpStatus.UNAUTHORIZED, "Authentication required"));
  }

  private static String baseUrl() {
    return ServletUriComponentsBuilder.fromCurrentContextPath().build().toUriString();
  }

  static String etag(StoredRecord record) {
    return "W/\"" + record.revision() + "\"";
  }

  /** Accepts {@code W/"3"}, {@code "3"} or {@code 3}; anything else cannot match. */
  static Integer parseRevision(String ifMatch) {
    if (ifMatch == null || ifMatch.isBlank() || ifMatch.strip().equals("*")) {
      return null;
    }
    String value = ifMatch.strip();
    if (value.startsWith("W/")) {
      value = value.substring(2);
    }
    value = value.replace("\"", "");
    try {
      return Integer.parseInt(value);
    } catch (NumberFormatException e) {
      return -1;
    }
  }
}
