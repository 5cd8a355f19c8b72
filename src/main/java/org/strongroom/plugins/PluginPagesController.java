package org.strongroom.plugins;

import jakarta.annotation.security.PermitAll;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.ui.Model;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.PathVariable;
import org.springframework.web.server.ResponseStatusException;
import org.strongroom.core.Callers;

/**
 * Plugin pages. Who may see each is decided before this runs, in the page security chain, by
 * {@link PluginPageAccess}; the plugin's text is shown escaped inside the page layout.
 */
@Controller
class PluginPagesController {

  private final Plugins plugins;

  PluginPagesController(Plugins plugins) {
    this.plugins = plugins;
  }

  /** The chain has already applied the page's own access rule (PluginPageAccess). */
  @PermitAll
  @GetMapping({"/plugins/{name}/", "/plugins/{name}/{path}"})
  String page(@PathVariable String name, @PathVariable(required = false) String path, Model model) {
    PluginPage page = plugins.page(name, path == null ? "" : path)
        .orElseThrow(() -> new ResponseStatusException(HttpStatus.NOT_FOUND));
    PluginPage.Viewer viewer = Callers.current()
        .map(caller -> new PluginPage.Viewer(caller.email(), caller.superuser()))
        .orElse(new PluginPage.Viewer(null, false));
    model.addAttribute("plugin", name);
    model.addAttribute("text", page.text().apply(viewer));
    return "plugins/page";
  }
}
