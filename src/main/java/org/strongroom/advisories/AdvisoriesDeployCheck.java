package org.strongroom.advisories;

import java.nio.file.Path;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.stereotype.Component;
import org.strongroom.instance.DeployCheck;
import org.strongroom.instance.Finding;
import org.strongroom.instance.InstanceProperties;

/**
 * With {@code --deploy}: SR-W090 a library of this build has a known advisory, SR-W091 the
 * advisory export is older than {@code max-age}, SR-W092 the build is, SR-W093 the export
 * cannot be read. A server that is never rebuilt is never patched.
 */
@Component
class AdvisoriesDeployCheck implements DeployCheck {

  private final AdvisoriesProperties properties;
  private final Path instance;
  private final Clock clock;

  AdvisoriesDeployCheck(AdvisoriesProperties properties, InstanceProperties instance, Clock clock) {
    this.properties = properties;
    this.instance = instance.instance();
    this.clock = clock;
  }

  @Override
  public List<Finding> check(boolean deploy) {
    List<Finding> findings = new ArrayList<>();
    if (!deploy) {
      return findings;
    }
    Optional<Instant> built = BuildInfo.current().time().or(() -> embeddedSbom().flatMap(Sbom::timestamp));
    if (built.isPresent() && tooOld(built.get())) {
      findings.add(Finding.warning("SR-W092", "this build is from " + built.get() + ", more than "
          + days() + " days ago, so it lacks every dependency fix since",
          "rebuild with the latest patch releases (docs/operations/dependencies.md) and redeploy"));
    }
    if (properties.db() == null) {
      return findings;
    }
    Path db = instance.resolve(properties.db());
    Advisories.Report report;
    try {
      report = Advisories.check(Sbom.ofThisBuild(), db);
    } catch (AdvisoryDatabaseException e) {
      findings.add(Finding.error("SR-W093", e.getMessage(), "point strongroom.advisories.db at an OSV export "
          + "(a JSON file, a folder of them, or an ecosystem's all.zip)"));
      return findings;
    }
    for (AffectedComponent affected : report.affected()) {
      findings.add(Finding.error("SR-W090", "known advisory: " + affected.line(),
          "upgrade " + affected.packageName() + (affected.fixedVersion() == null ? "" : " to "
              + affected.fixedVersion() + " or later") + " and rebuild (docs/operations/dependencies.md)"));
    }
    Optional<Instant> newest = report.newestAdvisory();
    if (newest.isEmpty() || tooOld(newest.get())) {
      findings.add(Finding.warning("SR-W091", "the advisory database " + db + " is "
          + newest.map(n -> "from " + n + ", more than " + days() + " days old").orElse("empty or undated"),
          "download the current OSV export (Maven all.zip) and replace it"));
    }
    return findings;
  }

  private boolean tooOld(Instant time) {
    return Duration.between(time, clock.instant()).compareTo(properties.maxAge()) > 0;
  }

  private long days() {
    return properties.maxAge().toDays();
  }

  private static Optional<Sbom> embeddedSbom() {
    try {
      return Optional.of(Sbom.ofThisBuild());
    } catch (AdvisoryDatabaseException e) {
      return Optional.empty();
    }
  }
}
