package org.strongroom.instance;

import java.util.Comparator;
import java.util.List;

import org.springframework.beans.factory.ObjectProvider;
import org.springframework.stereotype.Component;

/** Runs every {@link DeployCheck} bean, whichever feature declared it. */
@org.springframework.modulith.NamedInterface("setup")
@Component
public class DeployChecks {

  private final ObjectProvider<DeployCheck> checks;

  DeployChecks(ObjectProvider<DeployCheck> checks) {
    this.checks = checks;
  }

  /** All findings, errors first, then by id. */
  public List<Finding> run(boolean deploy) {
    return checks.orderedStream().flatMap(check -> check.check(deploy).stream())
        .sorted(Comparator.comparing(Finding::severity).thenComparing(Finding::id))
        .toList();
  }
}
