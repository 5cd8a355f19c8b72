package org.strongroom.cli;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayOutputStream;
import java.io.PrintStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.strongroom.instance.InstanceLayout;
import org.strongroom.instance.InstanceSetup;
import tools.jackson.databind.json.JsonMapper;

/**
 * {@code strongroom --version}, {@code instance sbom}, {@code instance advisories} and the
 * advisory findings of {@code instance check --deploy} (SR-W090, SR-W091, SR-W093).
 */
class SbomAndAdvisoriesCommandTests {

  static final Path FIXTURES = Path.of("src/test/resources/advisories");

  @TempDir
  Path folder;

  record Run(int exit, String out, String err) {
    List<String> findings() {
      return out.lines().filter(line -> line.startsWith("SR-")).toList();
    }
  }

  static Run run(String... args) {
    PrintStream out = System.out;
    PrintStream err = System.err;
    ByteArrayOutputStream stdout = new ByteArrayOutputStream();
    ByteArrayOutputStream stderr = new ByteArrayOutputStream();
    try {
      System.setOut(new PrintStream(stdout, true, StandardCharsets.UTF_8));
      System.setErr(new PrintStream(stderr, true, StandardCharsets.UTF_8));
      int exit = StrongroomCli.commandLine().setOut(new java.io.PrintWriter(System.out, true)).execute(args);
      return new Run(exit, stdout.toString(StandardCharsets.UTF_8), stderr.toString(StandardCharsets.UTF_8));
    } finally {
      System.setOut(out);
      System.setErr(err);
    }
  }

  @Test
  void versionPrintsTheBuildTimeAndCommit() {
    Run run = run("--version");

    assertThat(run.exit()).isZero();
    assertThat(run.out().lines().toList()).hasSize(3)
        .satisfies(lines -> assertThat(lines.get(0)).matches("strongroom \\S+"))
        .satisfies(lines -> assertThat(lines.get(1)).matches("built \\d{4}-\\d\\d-\\d\\dT.*Z"))
        .satisfies(lines -> assertThat(lines.get(2)).matches("commit ([0-9a-f]{7,}|unknown).*"));
  }

  @Test
  void sbomPrintsTheEmbeddedCycloneDxDocument() {
    Run run = run("instance", "sbom");

    assertThat(run.exit()).isZero();
    var sbom = JsonMapper.shared().readTree(run.out());
    assertThat(sbom.path("bomFormat").asString()).isEqualTo("CycloneDX");
    assertThat(run.out()).contains("pkg:maven/info.picocli/picocli@");
  }

  @Test
  void advisoriesPrintsOneLinePerAffectedComponentAndFails() {
    Run run = run("instance", "advisories", "--db", FIXTURES.resolve("GHSA-599f-7c49-w659.json").toString(),
        "--sbom", FIXTURES.resolve("fake-sbom.cdx.json").toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.out().lines().toList()).containsExactly(
        "org.apache.commons:commons-text 1.9 GHSA-599f-7c49-w659 (CVE-2022-42889) CRITICAL fixed in 1.10.0");
  }

  @Test
  void thisBuildIsNotAffectedByText4Shell() {
    Run run = run("instance", "advisories", "--db", FIXTURES.resolve("GHSA-599f-7c49-w659.json").toString());

    assertThat(run.exit()).isZero();
    assertThat(run.out()).isEmpty();
    assertThat(run.err()).contains("No known advisories (1 records read).");
  }

  @Test
  void anExportThatIsNotJsonIsOneLineNamingTheFileAndExitTwo() throws Exception {
    Path broken = folder.resolve("all.json");
    Files.writeString(broken, "PK not json at all");

    Run run = run("instance", "advisories", "--db", broken.toString());

    assertThat(run.exit()).isEqualTo(2);
    assertThat(run.err().lines().toList()).singleElement().asString()
        .startsWith("strongroom: " + broken + " is not an OSV JSON record");
  }

  @Test
  void deployCheckReportsAdvisoriesAndAStaleDatabase() throws Exception {
    String picocli = picocliVersion();
    Path osv = Files.createDirectories(folder.resolve("osv"));
    // A made-up record naming the picocli this build really ships; dated long ago.
    Files.writeString(osv.resolve("TEST-0001.json"), """
        {"id": "TEST-0001", "modified": "2020-01-01T00:00:00Z", "aliases": [],
         "database_specific": {"severity": "HIGH"},
         "affected": [{"package": {"ecosystem": "Maven", "name": "info.picocli:picocli"},
                       "versions": ["%s"]}]}
        """.formatted(picocli));
    InstanceLayout layout = instance("strongroom:\n  advisories:\n    db: " + osv + "\n");

    Run run = run("instance", "check", "--deploy", "--instance", layout.root().toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.findings()).contains("SR-W090 ERROR known advisory: info.picocli:picocli " + picocli
        + " TEST-0001 HIGH no fixed version — upgrade info.picocli:picocli and rebuild "
        + "(docs/operations/dependencies.md)");
    assertThat(run.findings()).anyMatch(line -> line.startsWith("SR-W091 WARNING the advisory database " + osv
        + " is from 2020-01-01T00:00:00Z, more than 30 days old"));
  }

  @Test
  void deployCheckNamesAnUnreadableDatabase() throws Exception {
    Path broken = folder.resolve("broken.json");
    Files.writeString(broken, "{ nope");
    InstanceLayout layout = instance("strongroom:\n  advisories:\n    db: " + broken + "\n");

    Run run = run("instance", "check", "--deploy", "--instance", layout.root().toString());

    assertThat(run.exit()).isEqualTo(1);
    assertThat(run.findings()).anyMatch(line -> line.startsWith("SR-W093 ERROR " + broken + " is not an OSV JSON record"));
  }

  @Test
  void withoutADatabaseOnlyTheBuildAgeIsChecked() throws Exception {
    InstanceLayout layout = instance("strongroom: {}\n");

    Run run = run("instance", "check", "--deploy", "--instance", layout.root().toString());

    assertThat(run.findings()).noneMatch(line -> line.startsWith("SR-W09"));
  }

  private InstanceLayout instance(String config) throws Exception {
    InstanceLayout layout = new InstanceLayout(folder.resolve("instance"));
    InstanceSetup.ensure(layout, Clock.systemUTC());
    Files.writeString(layout.config(), config);
    return layout;
  }

  private static String picocliVersion() {
    return org.strongroom.advisories.Sbom.ofThisBuild().components().stream()
        .filter(c -> c.packageName().equals("info.picocli:picocli")).findFirst().orElseThrow().version();
  }
}
