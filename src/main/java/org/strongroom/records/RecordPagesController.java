package org.strongroom.records;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.util.MultiValueMap;
import org.strongroom.core.Callers;
import org.strongroom.search.Field;
import tools.jackson.databind.JsonNode;

/** The home page, the record list and the record detail page. */
@Controller
class RecordPagesController {

  /** A record prepared for a page: the description already rendered and sanitised. */
  record RecordView(String id, String title, String created, String access, List<String> contributors,
      List<String> keywords, String descriptionHtml, List<Highlighter.Part> titleParts,
      List<Highlighter.Part> snippet) {}

  /** Longest piece of a description shown under a hit. */
  static final int SNIPPET_LENGTH = 240;

  private final Records records;
  private final MarkdownRenderer markdown;
  private final RecordJson json;

  RecordPagesController(Records records, MarkdownRenderer markdown, RecordJson json) {
    this.records = records;
    this.markdown = markdown;
    this.json = json;
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
    return new RecordView(view.id(), view.title(), view.created(), view.access(), view.contributors(),
        view.keywords(), "", titles.parts(view.title()),
        description.isEmpty() ? List.of() : descriptions.snippet(description, SNIPPET_LENGTH));
  }

  @GetMapping("/records/{id}")
  @PermitAll
  String detail(@PathVariable String id, Model model) {
    model.addAttribute("record", view(records.read(Callers.current(), id), true));
    return "records/detail";
  }

  private RecordView view(StoredRecord record, boolean withDescription) {
    JsonNode metadata = json.metadata(record);
    List<String> contributors = metadata.path("contributors").valueStream()
        .map(c -> c.path("name").asString("")).toList();
    List<String> keywords = metadata.path("keywords").valueStream().map(k -> k.asString("")).toList();
    return new RecordView(record.id(), metadata.path("title").asString(""),
        record.created().toString().substring(0, 10), record.access().value(), contributors, keywords,
        withDescription ? markdown.toSafeHtml(metadata.path("description").asString("")) : "",
        List.of(), List.of());
  }
}
