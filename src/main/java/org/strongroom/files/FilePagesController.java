package org.strongroom.files;

import java.nio.charset.StandardCharsets;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.security.access.prepost.PreAuthorize;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.bind.annotation.PostMapping;
import org.springframework.web.bind.annotation.RequestParam;
import org.springframework.web.util.UriUtils;
import org.strongroom.core.Callers;
import org.strongroom.core.ClientAddress;

/**
 * The record page's file delete button (a form, so it works without script). Uploads and
 * replacements go from the page's script straight to {@code PUT /api/records/{id}/files/{key}}.
 */
@Controller
class FilePagesController {

  private final RecordFiles files;

  FilePagesController(RecordFiles files) {
    this.files = files;
  }

  @PostMapping("/records/{id}/files/delete")
  @PreAuthorize("isAuthenticated()")
  String delete(@PathVariable String id, @RequestParam String key, HttpServletRequest request) {
    files.delete(Callers.required(), id, key, ClientAddress.of(request));
    return "redirect:/records/" + UriUtils.encodePathSegment(id, StandardCharsets.UTF_8);
  }
}
