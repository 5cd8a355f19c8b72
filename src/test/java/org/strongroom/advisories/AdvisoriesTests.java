package org.strongroom.advisories;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.io.OutputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.util.zip.ZipEntry;
import java.util.zip.ZipOutputStream;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;

/**
 * A real advisory (Text4Shell, GHSA-599f-7c49-w659 / CVE-2022-42889, commons-text 1.5 to 1.9)
 * against a fake SBOM listing commons-text 1.9: found in a file, a folder and an all.zip.
 */
class AdvisoriesTests {

  static final Path FIXTURES = Path.of("src/test/resources/advisories");
  static final Path TEXT4SHELL = FIXTURES.resolve("GHSA-599f-7c49-w659.json");
  static final Sbom OLD_BUILD = Sbom.read(FIXTURES.resolve("fake-sbom.cdx.json"));

  @TempDir
  Path folder;

  @Test
  void anOldVersionOfARealDependencyIsFound() {
    Advisories.Report report = Advisories.check(OLD_BUILD, TEXT4SHELL);

    assertThat(report.affected()).extracting(AffectedComponent::line).containsExactly(
        "org.apache.commons:commons-text 1.9 GHSA-599f-7c49-w659 (CVE-2022-42889) CRITICAL fixed in 1.10.0");
    assertThat(report.records()).isEqualTo(1);
    assertThat(report.newestAdvisory()).hasValue(Instant.parse("2024-02-16T08:19:21Z"));
  }

  @Test
  void theFixedVersionIsNotReported() throws Exception {
    Path sbom = folder.resolve("fixed.cdx.json");
    Files.writeString(sbom, Files.readString(FIXTURES.resolve("fake-sbom.cdx.json")).replace("1.9", "1.10.0"));

    assertThat(Advisories.check(Sbom.read(sbom), TEXT4SHELL).affected()).isEmpty();
  }

  @Test
  void aFolderAndAnEcosystemZipAreReadLikeAFile() throws Exception {
    Path dump = Files.createDirectories(folder.resolve("osv/maven"));
    Files.copy(TEXT4SHELL, dump.resolve("GHSA-599f-7c49-w659.json"));
    Path zip = folder.resolve("all.zip");
    try (ZipOutputStream out = new ZipOutputStream(Files.newOutputStream(zip))) {
      out.putNextEntry(new ZipEntry("GHSA-599f-7c49-w659.json"));
      out.write(Files.readAllBytes(TEXT4SHELL));
      out.closeEntry();
    }

    assertThat(Advisories.check(OLD_BUILD, folder.resolve("osv")).affected()).hasSize(1);
    assertThat(Advisories.check(OLD_BUILD, zip).affected()).hasSize(1);
  }

  @Test
  void aWithdrawnAdvisoryIsIgnored() throws Exception {
    Path withdrawn = folder.resolve("withdrawn.json");
    Files.writeString(withdrawn, Files.readString(TEXT4SHELL)
        .replace("\"modified\"", "\"withdrawn\": \"2024-03-01T00:00:00Z\", \"modified\""));

    assertThat(Advisories.check(OLD_BUILD, withdrawn).affected()).isEmpty();
  }

  @Test
  void aFileThatIsNotJsonIsNamedInOneLine() throws Exception {
    Path dump = Files.createDirectories(folder.resolve("dump"));
    Files.copy(TEXT4SHELL, dump.resolve("a.json"));
    Path broken = dump.resolve("b.json");
    Files.writeString(broken, "<html>rate limited</html>");

    assertThatThrownBy(() -> Advisories.check(OLD_BUILD, dump))
        .isInstanceOf(AdvisoryDatabaseException.class)
        .hasMessageStartingWith(broken + " is not an OSV JSON record")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain("\n"));
  }

  @Test
  void aCorruptZipAndAMissingPathAreNamed() throws Exception {
    Path zip = folder.resolve("all.zip");
    try (OutputStream out = Files.newOutputStream(zip)) {
      out.write("not a zip".getBytes());
    }

    assertThatThrownBy(() -> Advisories.check(OLD_BUILD, zip)).hasMessageContaining(zip.toString());
    assertThatThrownBy(() -> Advisories.check(OLD_BUILD, folder.resolve("nowhere")))
        .hasMessageContaining("nowhere does not exist");
  }

  @Test
  void thisBuildEmbedsItsSbom() {
    Sbom sbom = Sbom.ofThisBuild();

    assertThat(sbom.components()).extracting(Sbom.Component::packageName)
        .contains("info.picocli:picocli", "org.springframework:spring-core", "org.apache.maven:maven-artifact")
        .doesNotContain("org.assertj:assertj-core");
    assertThat(sbom.timestamp()).isPresent();
  }
}
