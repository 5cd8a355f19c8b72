package org.strongroom.files;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.boot.context.properties.bind.Bindable;
import org.springframework.boot.context.properties.bind.Binder;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.strongroom.instance.DeployCheck;
import org.strongroom.instance.Finding;

/**
 * SR-W080: file contents are served from the application's own origin (no separate files
 * origin). SR-W081: the files origin is also one of the application's hosts, which makes it
 * the same origin in all but name.
 */
@Component
class FilesDeployCheck implements DeployCheck {

  private final FilesProperties properties;
  private final List<String> allowedHosts;

  FilesDeployCheck(FilesProperties properties, Environment environment) {
    this.properties = properties;
    this.allowedHosts = Binder.get(environment).bind("strongroom.allowed-hosts", Bindable.listOf(String.class))
        .orElse(List.of()).stream().map(h -> h.strip().toLowerCase(Locale.ROOT)).toList();
  }

  @Override
  public List<Finding> check(boolean deploy) {
    List<Finding> findings = new ArrayList<>();
    if (properties.originHost().isEmpty()) {
      if (deploy) {
        findings.add(Finding.warning("SR-W080", "strongroom.files.origin is not set, so uploaded files are "
            + "served from the application's origin (sandboxed, but on the same origin as the session)",
            "serve them from a host name of their own, e.g. strongroom.files.origin=https://files.example.org"));
      }
      return findings;
    }
    String filesHost = properties.originHost().get();
    if (allowedHosts.contains(filesHost)) {
      findings.add(Finding.error("SR-W081", "the files origin host " + filesHost + " is also listed in "
          + "strongroom.allowed-hosts, so files share an origin with the application",
          "use a host name that serves nothing else for strongroom.files.origin and remove it from "
              + "strongroom.allowed-hosts (the files host is trusted automatically)"));
    }
    return findings;
  }
}
