package org.strongroom.advisories;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import tools.jackson.core.JacksonException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** A CycloneDX SBOM (JSON): this build's own, embedded by the build, or one read from a file. */
public final class Sbom {

  /** Where the build (cyclonedx-maven-plugin) puts it, and where Spring Boot's sbom endpoint looks. */
  public static final String RESOURCE = "META-INF/sbom/application.cdx.json";

  /** One library: a Maven package is named {@code group:artifact}, as OSV names it. */
  public record Component(String group, String name, String version, String purl) {

    public String packageName() {
      return group == null || group.isBlank() ? name : group + ":" + name;
    }

    boolean isMaven() {
      return purl == null || purl.startsWith("pkg:maven/");
    }
  }

  private final String json;
  private final List<Component> components;
  private final Optional<Instant> timestamp;

  private Sbom(String json, String source) {
    JsonNode root;
    try {
      root = JsonMapper.shared().readTree(json);
    } catch (JacksonException e) {
      throw new AdvisoryDatabaseException(source + " is not a CycloneDX JSON SBOM: "
          + e.getOriginalMessage());
    }
    if (root == null || !root.path("bomFormat").asString("").equals("CycloneDX")) {
      throw new AdvisoryDatabaseException(source + " is not a CycloneDX JSON SBOM (no \"bomFormat\": \"CycloneDX\")");
    }
    this.json = json;
    List<Component> found = new ArrayList<>();
    collect(root.path("components"), found);
    this.components = List.copyOf(found);
    this.timestamp = instant(root.path("metadata").path("timestamp").asString(null));
  }

  /** The SBOM this build embedded. */
  public static Sbom ofThisBuild() {
    try (InputStream in = Sbom.class.getClassLoader().getResourceAsStream(RESOURCE)) {
      if (in == null) {
        throw new AdvisoryDatabaseException("this build has no SBOM (" + RESOURCE
            + "); build it with ./mvnw package, which writes one (not with -o: Maven skips the CycloneDX "
            + "plugin offline)");
      }
      return new Sbom(new String(in.readAllBytes(), StandardCharsets.UTF_8), "the embedded SBOM");
    } catch (IOException e) {
      throw new AdvisoryDatabaseException("cannot read the embedded SBOM: " + e.getMessage());
    }
  }

  public static Sbom read(Path file) {
    try {
      return new Sbom(Files.readString(file, StandardCharsets.UTF_8), file.toString());
    } catch (IOException e) {
      throw new AdvisoryDatabaseException("cannot read the SBOM " + file + ": " + e.getMessage());
    }
  }

  public String json() {
    return json;
  }

  public List<Component> components() {
    return components;
  }

  /** When the SBOM was written, i.e. when this build ran. */
  public Optional<Instant> timestamp() {
    return timestamp;
  }

  private static void collect(JsonNode array, List<Component> into) {
    for (JsonNode node : array) {
      String version = node.path("version").asString(null);
      if (version != null) {
        into.add(new Component(node.path("group").asString(null), node.path("name").asString(""), version,
            node.path("purl").asString(null)));
      }
      collect(node.path("components"), into);
    }
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.ofNullable(text).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
