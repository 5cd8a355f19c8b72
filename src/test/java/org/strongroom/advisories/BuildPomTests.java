package org.strongroom.advisories;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Path;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import javax.xml.parsers.DocumentBuilderFactory;

import org.junit.jupiter.api.Test;
import org.w3c.dom.Element;
import org.w3c.dom.Node;
import org.w3c.dom.NodeList;

/**
 * The build keeps what docs/operations/dependencies.md promises: {@code ./mvnw
 * versions:display-dependency-updates} and {@code display-plugin-updates} resolve a pinned
 * versions-maven-plugin (so they run offline from the local cache), and the SBOM and commit
 * plugins are pinned too.
 */
class BuildPomTests {

  static final Element BUILD = build();

  @Test
  void theVersionsPluginIsConfiguredAndPinned() {
    Element versions = plugin("org.codehaus.mojo", "versions-maven-plugin").orElseThrow(
        () -> new AssertionError("pom.xml does not configure versions-maven-plugin"));

    assertThat(text(versions, "version")).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(text(versions, "ignoredVersion")).as("pre-releases are not offered").contains("rc");
  }

  @Test
  void theSbomAndCommitPluginsArePinnedAndTheCommitIsOptional() {
    Element cyclonedx = plugin("org.cyclonedx", "cyclonedx-maven-plugin").orElseThrow();
    Element git = plugin("io.github.git-commit-id", "git-commit-id-maven-plugin").orElseThrow();

    assertThat(text(cyclonedx, "version")).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(text(git, "version")).matches("\\d+\\.\\d+\\.\\d+");
    assertThat(text(git, "failOnNoGitDirectory")).isEqualTo("false");
    assertThat(text(git, "failOnUnableToExtractRepoInfo")).isEqualTo("false");
  }

  private static Optional<Element> plugin(String group, String artifact) {
    NodeList plugins = BUILD.getElementsByTagName("plugin");
    List<Element> found = new ArrayList<>();
    for (int i = 0; i < plugins.getLength(); i++) {
      Element plugin = (Element) plugins.item(i);
      if (group.equals(text(plugin, "groupId")) && artifact.equals(text(plugin, "artifactId"))) {
        found.add(plugin);
      }
    }
    assertThat(found).as(artifact + " declared at most once").hasSizeLessThanOrEqualTo(1);
    return found.stream().findFirst();
  }

  private static String text(Element parent, String tag) {
    NodeList nodes = parent.getElementsByTagName(tag);
    Node node = nodes.getLength() == 0 ? null : nodes.item(0);
    return node == null ? null : node.getTextContent().strip();
  }

  private static Element build() {
    try {
      return (Element) DocumentBuilderFactory.newInstance().newDocumentBuilder().parse(Path.of("pom.xml").toFile())
          .getDocumentElement().getElementsByTagName("build").item(0);
    } catch (Exception e) {
      throw new IllegalStateException("cannot read pom.xml", e);
    }
  }
}
