package org.strongroom.records;

import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.http.HttpStatus;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.util.MultiValueMap;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;
import org.strongroom.core.ApiException;
import org.strongroom.core.Caller;
import org.strongroom.core.Callers;

/**
 * Depositing and editing from the browser: {@code /records/new}, {@code /records/{id}/edit},
 * deleting and changing visibility. The same {@link Records} calls as the API, so the same
 * schema, rights and revision checks; a refused save shows the form again as it was typed.
 */
@Controller
class RecordFormsController {

  private static final String FORM = "records/form";

  private final Records records;
  private final RecordJson json;
  private final MarkdownRenderer markdown;
  private final RecordPagesController pages;

  RecordFormsController(Records records, RecordJson json, MarkdownRenderer markdown, RecordPagesController pages) {
    this.records = records;
    this.json = json;
    this.markdown = markdown;
    this.pages = pages;
  }

  @GetMapping("/records/new")
  @PreAuthorize("isAuthenticated()")
  String create(Model model) {
    return form(model, RecordForm.empty(), null, Map.of());
  }

  @PostMapping("/records/new")
  @PreAuthorize("isAuthenticated()")
  String create(@RequestParam MultiValueMap<String, String> params, Model model, HttpServletResponse response) {
    String action = params.getFirst("action");
    RecordForm form = RecordForm.of(params, "add-contributor".equals(action) ? 1 : 0);
    if (action != null && !"save".equals(action)) {
      return redisplay(model, form, null, action);
    }
    try {
      StoredRecord record = records.create(Callers.required(), form.metadata(), form.accessValue());
      return "redirect:/records/" + record.id();
    } catch (ApiException refused) {
      response.setStatus(refused.status().value());
      return form(model, form, null, FormErrors.of(refused));
    }
  }

  @GetMapping("/records/{id}/edit")
  @PreAuthorize("isAuthenticated()")
  String edit(@PathVariable String id, Model model) {
    StoredRecord record = editable(id);
    return form(model, RecordForm.of(json.metadata(record), record.access(), record.revision()), id, Map.of());
  }

  @PostMapping("/records/{id}/edit")
  @PreAuthorize("isAuthenticated()")
  String edit(@PathVariable String id, @RequestParam MultiValueMap<String, String> params, Model model,
      HttpServletResponse response) {
    editable(id);
    String action = params.getFirst("action");
    RecordForm form = RecordForm.of(params, "add-contributor".equals(action) ? 1 : 0);
    if (action != null && !"save".equals(action)) {
      return redisplay(model, form, id, action);
    }
    try {
      records.update(Callers.required(), id, form.revision(), form.metadata(), form.accessValue());
      return "redirect:/records/" + UriUtils.encodePathSegment(id, java.nio.charset.StandardCharsets.UTF_8);
    } catch (ApiException refused) {
      response.setStatus(refused.status().value());
      if (refused.status() == HttpStatus.PRECONDITION_FAILED) {
        // Someone saved first: show their version, keep what this user typed, and let a second
        // save (now against the current revision) replace it knowingly.
        StoredRecord current = records.readForChange(Callers.required(), id);
        model.addAttribute("conflict", pages.view(current, true));
        return form(model, form.withRevision(current.revision()), id, Map.of());
      }
      return form(model, form, id, FormErrors.of(refused));
    }
  }

  @PostMapping("/records/{id}/delete")
  @PreAuthorize("isAuthenticated()")
  String delete(@PathVariable String id) {
    records.delete(Callers.required(), id);
    return "redirect:/records/" + id;
  }

  @PostMapping("/records/{id}/access")
  @PreAuthorize("isAuthenticated()")
  String access(@PathVariable String id, @RequestParam String access, @RequestParam int revision) {
    StoredRecord record = editable(id);
    Access chosen = "restricted".equals(access) ? Access.RESTRICTED : Access.PUBLIC;
    records.update(Callers.required(), id, revision, json.metadata(record), chosen);
    return "redirect:/records/" + id;
  }

  private String redisplay(Model model, RecordForm form, String id, String action) {
    if ("preview".equals(action)) {
      model.addAttribute("previewHtml", markdown.toSafeHtml(form.description()));
    }
    return form(model, form, id, Map.of());
  }

  private String form(Model model, RecordForm form, String id, Map<String, String> errors) {
    model.addAttribute("form", form);
    model.addAttribute("recordId", id);
    model.addAttribute("errors", errors);
    model.addAttribute("resourceTypes", RecordForm.RESOURCE_TYPES);
    return FORM;
  }

  private StoredRecord editable(String id) {
    Caller caller = Callers.required();
    StoredRecord record = records.readForChange(caller, id);
    RecordAccess.requireEdit(caller, record);
    return record;
  }
}
