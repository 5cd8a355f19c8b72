package org.strongroom.records;

import java.util.List;

import jakarta.annotation.security.PermitAll;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.RequestParam;
import org.strongroom.core.Callers;
import tools.jackson.databind.JsonNode;

/** The home page, the record list and the record detail page. */
@Controller
class RecordPagesController {

  /** A record prepared for a page: the description already rendered and sanitised. */
  record RecordView(String id, String title, String created, String access, List<String> contributors,
      List<String> keywords, String descriptionHtml) {}

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
      @RequestParam(required = false) String page, Model model) {
    RecordQuery query = RecordQuery.of(q, sort, page, null);
    RecordStore.Page result = records.search(Callers.current(), query);
    model.addAttribute("q", query.q());
    model.addAttribute("sort", query.sort().value());
    model.addAttribute("page", query.page());
    model.addAttribute("total", result.total());
    model.addAttribute("hasPrev", query.page() > 1);
    model.addAttribute("hasNext", (long) query.page() * query.size() < result.total()
        && (long) (query.page() + 1) * query.size() <= RecordQuery.MAX_WINDOW);
    model.addAttribute("records", result.records().stream().map(r -> view(r, false)).toList());
    return "records/list";
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
        withDescription ? markdown.toSafeHtml(metadata.path("description").asString("")) : "");
  }
}
