package org.strongroom.records;

import java.util.List;
import java.util.Optional;
import java.util.OptionalLong;

import jakarta.annotation.security.PermitAll;
import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.util.MultiValueMap;
import org.strongroom.core.Caller;
import org.strongroom.core.Callers;
import org.strongroom.search.Field;
import tools.jackson.databind.JsonNode;

/** The home page, the record list and the record detail page. */
@Controller
class RecordPagesController {

  /** A record prepared for a page: the description already rendered and sanitised. */
  record RecordView(String id, String title, String created, String updated, int revision, String access,
      List<Person> contributors, List<String> keywords, String publicationDate, String resourceType,
      String license, String descriptionHtml, List<Highlighter.Part> titleParts, List<Highlighter.Part> snippet) {

    public List<String> contributorNames() {
      return contributors.stream().map(Person::name).toList();
    }
  }

  record Person(String name, String affiliation, String orcid) {}

  /** A file as the record page lists it. */
  record FileView(String key, String size, long bytes, String type, String sha256) {}

  /** Longest piece of a description shown under a hit. */
  static final int SNIPPET_LENGTH = 240;

  private final Records records;
  private final MarkdownRenderer markdown;
  private final RecordJson json;
  private final ObjectProvider<RecordAttachments> attachments;

  RecordPagesController(Records records, MarkdownRenderer markdown, RecordJson json,
      ObjectProvider<RecordAttachments> attachments) {
    this.records = records;
    this.markdown = markdown;
    this.json = json;
    this.attachments = attachments;
  }

  @GetMapping("/")
  @PermitAll
  String home() {
    return "records/home";
  }

  @GetMapping({"/records", "/records/"})
  @PermitAll
  String list(@RequestParam(required = false) String q, @RequestParam(required = false) String sort,
      @RequestParam(required = false) String page, @RequestParam MultiValueMap<String, String> parameters,
      Model model) {
    RecordQuery query = RecordQuery.of(q, sort, page, null, ALL_FACETS, parameters, null);
    RecordStore.Page result = records.search(Callers.current(), query);
    SearchLinks links = new SearchLinks(query);
    model.addAttribute("q", query.q());
    model.addAttribute("sort", query.sort().value());
    model.addAttribute("page", query.page());
    model.addAttribute("total", result.total());
    model.addAttribute("prevHref", query.page() > 1 ? links.page(query.page() - 1) : null);
    model.addAttribute("nextHref", result.more()
        && (long) (query.page() + 1) * query.size() <= RecordQuery.MAX_WINDOW ? links.page(query.page() + 1) : null);
    model.addAttribute("facets", links.facets(result.aggregations()));
    model.addAttribute("filters", links.activeFilters());
    Highlighter titles = new Highlighter(query.search(), Field.TITLE);
    Highlighter descriptions = new Highlighter(query.search(), Field.DESCRIPTION);
    model.addAttribute("records", result.records().stream().map(r -> hit(r, titles, descriptions)).toList());
    return "records/list";
  }

  private static final String ALL_FACETS = "keyword,type,year,license";

  private RecordView hit(StoredRecord record, Highlighter titles, Highlighter descriptions) {
    RecordView view = view(record, false);
    String description = json.metadata(record).path("description").asString("");
    return new RecordView(view.id(), view.title(), view.created(), view.updated(), view.revision(), view.access(),
        view.contributors(), view.keywords(), view.publicationDate(), view.resourceType(), view.license(), "",
        titles.parts(view.title()),
        description.isEmpty() ? List.of() : descriptions.snippet(description, SNIPPET_LENGTH));
  }

  @GetMapping("/records/{id}")
  @PermitAll
  String detail(@PathVariable String id, Model model) {
    Optional<Caller> caller = Callers.current();
    StoredRecord record = records.read(caller, id);
    boolean canEdit = caller.map(c -> c.superuser() || c.userId() == record.ownerId()).orElse(false);
    model.addAttribute("record", view(record, true));
    model.addAttribute("canEdit", canEdit);
    RecordAttachments files = attachments.getIfAvailable();
    model.addAttribute("files", files == null ? List.of() : files.list(caller, id).stream()
        .map(f -> new FileView(f.key(), Sizes.human(f.size()), f.size(), f.type(), f.sha256())).toList());
    if (canEdit && files != null) {
      Caller editor = caller.orElseThrow();
      model.addAttribute("used", Sizes.human(files.bytesUsedBy(editor)));
      OptionalLong quota = files.quota();
      model.addAttribute("quota", quota.isPresent() ? Sizes.human(quota.getAsLong()) : null);
    }
    return "records/detail";
  }

  RecordView view(StoredRecord record, boolean withDescription) {
    JsonNode metadata = json.metadata(record);
    List<Person> contributors = metadata.path("contributors").valueStream()
        .map(c -> new Person(c.path("name").asString(""), c.path("affiliation").asString(""),
            c.path("orcid").asString(""))).toList();
    List<String> keywords = metadata.path("keywords").valueStream().map(k -> k.asString("")).toList();
    return new RecordView(record.id(), metadata.path("title").asString(""), day(record.created()),
        day(record.updated()), record.revision(), record.access().value(), contributors, keywords,
        metadata.path("publication_date").asString(""), metadata.path("resource_type").asString(""),
        metadata.path("license").asString(""),
        withDescription ? markdown.toSafeHtml(metadata.path("description").asString("")) : "",
        List.of(), List.of());
  }

  private static String day(java.time.Instant instant) {
    return instant.toString().substring(0, 10);
  }
}
