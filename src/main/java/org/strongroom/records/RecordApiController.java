package org.strongroom.records;

import java.io.IOException;
import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

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
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.PutMapping;
import org.springframework.web.bind.annotation.RequestHeader;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.bind.annotation.RestController;
import org.springframework.util.MultiValueMap;
import org.springframework.web.context.request.ServletWebRequest;
import org.springframework.web.servlet.HandlerMapping;
import org.springframework.web.util.UriUtils;
import org.strongroom.core.BaseUrl;
import org.strongroom.core.Callers;

/** The records REST API (docs/api/records.md). */
@RestController
@RequestMapping(path = "/api/records", produces = MediaType.APPLICATION_JSON_VALUE)
class RecordApiController {

  private final Records records;
  private final RecordReads reads;
  private final RecordJson json;

  RecordApiController(Records records, RecordReads reads, RecordJson json) {
    this.records = records;
    this.reads = reads;
    this.json = json;
  }

  @PostMapping({"", "/"})
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<byte[]> create(HttpServletRequest request) throws IOException {
    RecordJson.Input input = json.read(request.getInputStream());
    StoredRecord record = records.create(Callers.required(), input.metadata(), input.access());
    String base = baseUrl();
    return ResponseEntity.created(URI.create(RecordJson.selfUrl(record, base)))
        .eTag(etag(record)).contentType(MediaType.APPLICATION_JSON).body(json.document(record, base));
  }

  @GetMapping("/{id}")
  @PermitAll
  void read(ServletWebRequest request, HttpServletResponse response) throws IOException {
    StoredRecord record = reads.read(Callers.current(), pathId(request.getRequest()));
    // Sets the ETag, and answers 304 to a matching If-None-Match.
    if (request.checkNotModified(etag(record))) {
      return;
    }
    writeJson(response, reads.document(record, baseUrl()));
  }

  @PutMapping("/{id}")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<byte[]> update(@PathVariable String id,
      @RequestHeader(name = HttpHeaders.IF_MATCH, required = false) String ifMatch,
      HttpServletRequest request) throws IOException {
    RecordJson.Input input = json.read(request.getInputStream());
    StoredRecord record = records.update(Callers.required(), id, parseRevision(ifMatch), input.metadata(), input.access());
    return document(record);
  }

  private ResponseEntity<byte[]> document(StoredRecord record) {
    return ResponseEntity.ok().eTag(etag(record)).contentType(MediaType.APPLICATION_JSON)
        .body(json.document(record, baseUrl()));
  }

  @DeleteMapping("/{id}")
  @PreAuthorize("isAuthenticated()")
  ResponseEntity<Void> delete(@PathVariable String id) {
    records.delete(Callers.required(), id);
    return ResponseEntity.noContent().build();
  }

  @GetMapping({"", "/"})
  @PermitAll
  void search(@RequestParam(required = false) String q,
      @RequestParam(required = false) String sort, @RequestParam(required = false) String page,
      @RequestParam(required = false) String size, @RequestParam(required = false) String facets,
      @RequestParam(required = false) String cursor,
      @RequestParam MultiValueMap<String, String> parameters, HttpServletResponse response) throws IOException {
    RecordQuery query = RecordQuery.of(q, sort, page, size, facets, parameters, cursor);
    RecordStore.Page result = records.search(Callers.current(), query);
    String base = baseUrl();
    Map<String, String> links = pageLinks(query, result, base);
    response.setHeader(HttpHeaders.LINK, linkHeader(links));
    writeJson(response, json.searchPage(result.records(), result.total(), links, query.sort().value(),
        result.aggregations(), base));
  }

  /**
   * The {@code {id}} of the read's path, as {@code @PathVariable String id} gives it: that
   * resolver reads this same attribute, which the handler mapping filled with the decoded
   * variables of the matched pattern, and then converts String to String through a data binder
   * made for the request, the larger part of MVC's argument resolution for the read
   * (docs/development/performance.md). RecordPathIdIntegrationTests compares the two.
   */
  static String pathId(HttpServletRequest request) {
    @SuppressWarnings("unchecked")
    Map<String, String> variables =
        (Map<String, String>) request.getAttribute(HandlerMapping.URI_TEMPLATE_VARIABLES_ATTRIBUTE);
    return variables.get("id");
  }

  /**
   * Writes a finished JSON document as the response, as MVC's byte[] converter would (type,
   * length, bytes), for the two reads that every client repeats. A handler that takes the
   * response and returns nothing skips MVC's choice of return-value handler, content
   * negotiation and converter, a measurable share of a record read's CPU
   * (docs/development/performance.md). API paths ignore Accept (web/ApiContentNegotiation),
   * so no client gets a 406. What the converter
   * would add besides, a {@code Content-Disposition} against reflected file downloads, applies
   * only to paths ending in a file extension, which no record id or list path has.
   */
  private static void writeJson(HttpServletResponse response, byte[] body) throws IOException {
    response.setContentType(MediaType.APPLICATION_JSON_VALUE);
    response.setContentLength(body.length);
    response.getOutputStream().write(body);
  }

  /**
   * {@code self}, then {@code prev} and {@code next} where there is such a page. Paging by number
   * stops at the 10,000th hit; from there, and throughout a walk begun with {@code cursor=},
   * {@code next} carries a signed cursor after this page's last hit.
   */
  private Map<String, String> pageLinks(RecordQuery query, RecordStore.Page result, String base) {
    StringBuilder start = new StringBuilder(base).append("/api/records/?");
    if (!query.q().isEmpty()) {
      start.append("q=").append(queryValue(query.q())).append('&');
    }
    query.filters().forEach((facet, values) -> values.forEach(value ->
        start.append(facet.parameter()).append('=').append(queryValue(value)).append('&')));
    if (!query.facets().isEmpty()) {
      start.append("facets=").append(String.join(",", query.facets().stream().map(Facet::parameter).toList()))
          .append('&');
    }
    start.append("sort=").append(query.sort().value()).append("&size=").append(query.size());
    String common = start.toString();
    Map<String, String> links = new LinkedHashMap<>();
    if (query.cursor() != null) {
      links.put("self", common + "&cursor=" + queryValue(query.cursor()));
    } else {
      links.put("self", common + "&page=" + query.page());
      if (query.page() > 1) {
        links.put("prev", common + "&page=" + (query.page() - 1));
      }
    }
    long seen = (long) query.page() * query.size();
    boolean byNumber = query.cursor() == null && seen + query.size() <= RecordQuery.MAX_WINDOW;
    if (result.more() && byNumber) {
      links.put("next", common + "&page=" + (query.page() + 1));
    } else if (result.more()) {
      String cursor = records.cursorAfter(query, result.hits().get(result.hits().size() - 1));
      links.put("next", common + "&cursor=" + queryValue(cursor));
    }
    return links;
  }

  /**
   * A query-string value the server reads back unchanged: every character with a meaning in a
   * URI is percent-encoded, {@code +} included (the container decodes {@code +} as a space).
   * UriComponentsBuilder left {@code +} as it was, so a link for {@code q=c++} searched for "c",
   * and passed URI-template braces through unencoded.
   */
  private static String queryValue(String value) {
    return UriUtils.encode(value, StandardCharsets.UTF_8);
  }

  private static String linkHeader(Map<String, String> links) {
    List<String> parts = new ArrayList<>();
    links.forEach((rel, url) -> parts.add("<" + url + ">; rel=\"" + rel + "\""));
    return String.join(", ", parts);
  }

  private static String baseUrl() {
    return BaseUrl.current();
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
