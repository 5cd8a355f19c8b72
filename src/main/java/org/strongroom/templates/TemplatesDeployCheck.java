package org.strongroom.templates;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import org.strongroom.instance.DeployCheck;
import org.strongroom.instance.Finding;

/**
 * SR-W110 an override is refused (file and line); SR-W111 an override is allowed only because
 * its hash is pinned in strongroom.templates.allow-unsafe; SR-W112 (info) overrides in use.
 */
@Component
class TemplatesDeployCheck implements DeployCheck {

  private final TemplateOverrides overrides;

  TemplatesDeployCheck(TemplateOverrides overrides) {
    this.overrides = overrides;
  }

  @Override
  public List<Finding> check(boolean deploy) {
    List<Finding> findings = new ArrayList<>();
    for (TemplateOverrides.Refusal refusal : overrides.refusals()) {
      int dash = refusal.text().indexOf(" — ");
      findings.add(Finding.error("SR-W110", dash > 0 ? refusal.text().substring(0, dash) : refusal.text(),
          dash > 0 ? refusal.text().substring(dash + 3) : "fix or remove the override"));
    }
    for (TemplateOverrides.Pinned pinned : overrides.pinned()) {
      findings.add(Finding.warning("SR-W111", "template override " + pinned.file() + " uses "
          + pinned.violations().get(0).rule() + " (line " + pinned.violations().get(0).line() + ") and is allowed "
          + "only because its SHA-256 " + pinned.sha256() + " is pinned in strongroom.templates.allow-unsafe",
          "make sure it never writes record content unescaped; review it again after every change"));
    }
    if (!overrides.usable().isEmpty() && deploy) {
      findings.add(new Finding("SR-W112", Finding.Severity.INFO, "page templates overridden from "
          + overrides.folder() + ": " + String.join(", ", overrides.usable()),
          "overrides run with the server's full rights; keep them reviewed"));
    }
    return findings;
  }
}
