package org.strongroom.plugins;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import org.strongroom.instance.DeployCheck;
import org.strongroom.instance.Finding;

/**
 * SR-W100 (info) each loaded plugin, its version and hash; SR-W101 plugins enabled with
 * nothing pinned; SR-W102 jars in the folder while plugins are off; SR-W103 a pin for a jar
 * that is not there; SR-W104 a plugin's own deploy check.
 */
@Component
class PluginsDeployCheck implements DeployCheck {

  private final Plugins plugins;
  private final PluginsProperties properties;

  PluginsDeployCheck(Plugins plugins, PluginsProperties properties) {
    this.plugins = plugins;
    this.properties = properties;
  }

  @Override
  public List<Finding> check(boolean deploy) {
    List<Finding> findings = new ArrayList<>();
    for (LoadedPlugin plugin : plugins.loaded()) {
      findings.add(new Finding("SR-W100", Finding.Severity.INFO, "plugin " + plugin.name() + " " + plugin.version()
          + " loaded from " + plugin.jar() + " (SHA-256 " + plugin.sha256() + "); it runs with the server's full rights",
          "keep it pinned; review each new version before changing its hash"));
      List<PluginFinding> own = plugin.plugin().deployChecks();
      for (PluginFinding finding : own == null ? List.<PluginFinding>of() : own) {
        findings.add(new Finding("SR-W104", finding.error() ? Finding.Severity.ERROR : Finding.Severity.WARNING,
            "plugin " + plugin.name() + ": " + finding.message(), finding.fix()));
      }
    }
    if (properties.enabled() && properties.allow().isEmpty()) {
      findings.add(Finding.warning("SR-W101", "strongroom.plugins.enabled is true but no jar is pinned in "
          + "strongroom.plugins.allow", "pin each reviewed jar by SHA-256, or set strongroom.plugins.enabled=false"));
    }
    if (!plugins.ignoredJars().isEmpty()) {
      findings.add(new Finding("SR-W102", Finding.Severity.INFO, plugins.ignoredJars().size() + " jar(s) in "
          + plugins.folder() + " are not loaded because strongroom.plugins.enabled is false",
          "remove them, or enable plugins and pin each one"));
    }
    if (properties.enabled()) {
      List<String> present = PluginJars.list(plugins.folder()).stream().map(p -> p.getFileName().toString()).toList();
      properties.allow().keySet().stream().filter(file -> !present.contains(file)).forEach(file ->
          findings.add(Finding.warning("SR-W103", "strongroom.plugins.allow pins " + file + ", which is not in "
              + plugins.folder(), "remove the stale pin")));
    }
    return findings;
  }
}
