package org.strongroom.advisories;

import java.nio.file.Path;
import java.time.Instant;
import java.util.ArrayList;
import java.util.Comparator;
import java.util.HashMap;
import java.util.List;
import java.util.Map;
import java.util.Optional;

/** Matches an SBOM's Maven components against an offline OSV export. */
public final class Advisories {

  /**
   * What a check found.
   *
   * @param newestAdvisory the latest {@code modified} time of any record: how current the export is
   */
  public record Report(List<AffectedComponent> affected, int records, Optional<Instant> newestAdvisory) {}

  private Advisories() {}

  /** @throws AdvisoryDatabaseException naming the file that cannot be read */
  public static Report check(Sbom sbom, Path database) {
    Map<String, List<Sbom.Component>> byPackage = new HashMap<>();
    sbom.components().stream().filter(Sbom.Component::isMaven)
        .forEach(c -> byPackage.computeIfAbsent(c.packageName(), k -> new ArrayList<>()).add(c));
    List<AffectedComponent> affected = new ArrayList<>();
    int[] records = {0};
    Instant[] newest = {null};
    OsvDatabase.read(database, record -> {
      records[0]++;
      record.modified().ifPresent(m -> newest[0] = newest[0] == null || m.isAfter(newest[0]) ? m : newest[0]);
      if (!record.withdrawn()) {
        match(record, byPackage, affected);
      }
    });
    affected.sort(Comparator.comparing(AffectedComponent::packageName).thenComparing(AffectedComponent::advisoryId));
    return new Report(List.copyOf(affected), records[0], Optional.ofNullable(newest[0]));
  }

  private static void match(OsvRecord record, Map<String, List<Sbom.Component>> byPackage,
      List<AffectedComponent> into) {
    for (OsvRecord.Affected entry : record.affected()) {
      if (!OsvRecord.MAVEN.equals(entry.ecosystem())) {
        continue;
      }
      for (Sbom.Component component : byPackage.getOrDefault(entry.packageName(), List.of())) {
        if (entry.affects(component.version())) {
          into.add(new AffectedComponent(component.packageName(), component.version(), record.id(),
              String.join(", ", record.aliases()), record.severityFor(entry),
              entry.fixedAfter(component.version()).orElse(null)));
        }
      }
    }
  }
}
