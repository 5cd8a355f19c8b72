package org.strongroom.cli;

import java.nio.file.Path;
import java.util.concurrent.Callable;

import org.strongroom.advisories.Advisories;
import org.strongroom.advisories.AdvisoryDatabaseException;
import org.strongroom.advisories.AffectedComponent;
import org.strongroom.advisories.Sbom;
import picocli.CommandLine.Command;
import picocli.CommandLine.Mixin;
import picocli.CommandLine.Option;

@Command(name = "advisories", mixinStandardHelpOptions = true,
    description = "Match this build's SBOM against an offline OSV advisory export. Prints one line per "
        + "affected library (package version advisory severity fixed-version); exits 1 when any is "
        + "affected, 2 when the export cannot be read.")
class InstanceAdvisoriesCommand implements Callable<Integer> {

  @Mixin
  InstanceOption instance;

  @Option(names = "--db", required = true, paramLabel = "PATH",
      description = "An OSV JSON file, a folder of them, or an ecosystem's all.zip.")
  Path db;

  @Option(names = "--sbom", paramLabel = "FILE",
      description = "Check this CycloneDX JSON SBOM instead of the build's own (e.g. another release's).")
  Path sbom;

  @Override
  public Integer call() {
    Advisories.Report report;
    try {
      report = Advisories.check(sbom == null ? Sbom.ofThisBuild() : Sbom.read(sbom), db);
    } catch (AdvisoryDatabaseException e) {
      System.err.println("strongroom: " + e.getMessage());
      return 2;
    }
    report.affected().stream().map(AffectedComponent::line).forEach(System.out::println);
    System.err.println(report.affected().isEmpty()
        ? "No known advisories (" + report.records() + " records read)."
        : report.affected().size() + " affected component(s) (" + report.records() + " records read).");
    return report.affected().isEmpty() ? 0 : 1;
  }
}
