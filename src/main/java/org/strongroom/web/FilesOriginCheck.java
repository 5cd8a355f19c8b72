package org.strongroom.web;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.springframework.stereotype.Component;
import org.strongroom.files.FilesProperties;
import org.strongroom.instance.DeployCheck;
import org.strongroom.instance.Finding;

/**
 * SR-W080: file contents are served from the application's own origin (no separate files
 * origin). SR-W081: the files origin is also one of the application's hosts, which makes it
 * the same origin in all but name. Here rather than in {@code files}: it compares the files
 * origin with {@code strongroom.allowed-hosts}, which the perimeter owns.
 */
@Component
class FilesOriginCheck implements DeployCheck {

  private final FilesProperties files;
  private final List<String> allowedHosts;

  FilesOriginCheck(FilesProperties files, PerimeterProperties perimeter) {
    this.files = files;
    this.allowedHosts = perimeter.allowedHosts().stream().map(h -> h.toLowerCase(Locale.ROOT)).toList();
  }

  @Override
  public List<Finding> check(boolean deploy) {
    List<Finding> findings = new ArrayList<>();
    if (files.originHost().isEmpty()) {
      if (deploy) {
        findings.add(Finding.warning("SR-W080", "strongroom.files.origin is not set, so uploaded files are "
            + "served from the application's origin (sandboxed, but on the same origin as the session)",
            "serve them from a host name of their own, e.g. strongroom.files.origin=https://files.example.org"));
      }
      return findings;
    }
    String filesHost = files.originHost().get();
    if (allowedHosts.contains(filesHost)) {
      findings.add(Finding.error("SR-W081", "the files origin host " + filesHost + " is also listed in "
          + "strongroom.allowed-hosts, so files share an origin with the application",
          "use a host name that serves nothing else for strongroom.files.origin and remove it from "
              + "strongroom.allowed-hosts (the files host is trusted automatically)"));
    }
    return findings;
  }
}
