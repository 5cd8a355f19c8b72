package org.strongroom.advisories;

import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.ArrayList;
import java.util.HashSet;
import java.util.List;
import java.util.Optional;
import java.util.Set;

import tools.jackson.databind.JsonNode;

/** The parts of one OSV record (schema 1.x) that matching needs. */
record OsvRecord(String id, List<String> aliases, String severity, Optional<Instant> modified, boolean withdrawn,
    List<Affected> affected) {

  static final String MAVEN = "Maven";

  /** One {@code affected[]} entry: a package, explicit versions and ranges. */
  record Affected(String ecosystem, String packageName, Set<String> versions, List<OsvRange> ranges,
      String severity) {

    boolean affects(String version) {
      return versions.contains(version) || ranges.stream().anyMatch(range -> range.affects(version));
    }

    Optional<String> fixedAfter(String version) {
      return ranges.stream().filter(range -> range.affects(version))
          .flatMap(range -> range.fixedAfter(version).stream()).findFirst();
    }
  }

  static OsvRecord of(JsonNode node) {
    List<String> aliases = new ArrayList<>();
    node.path("aliases").forEach(alias -> aliases.add(alias.asString("")));
    List<Affected> affected = new ArrayList<>();
    for (JsonNode entry : node.path("affected")) {
      affected.add(affected(entry));
    }
    String severity = node.path("database_specific").path("severity").asString(null);
    if (severity == null && node.path("severity").isArray() && !node.path("severity").isEmpty()) {
      severity = node.path("severity").get(0).path("score").asString(null);
    }
    return new OsvRecord(node.path("id").asString(""), aliases, severity,
        instant(node.path("modified").asString(null)), node.hasNonNull("withdrawn"), affected);
  }

  /** The record's own severity, else the one its affected entry gives, else UNKNOWN. */
  String severityFor(Affected entry) {
    if (severity != null) {
      return severity;
    }
    return entry.severity() != null ? entry.severity() : "UNKNOWN";
  }

  private static Affected affected(JsonNode entry) {
    Set<String> versions = new HashSet<>();
    entry.path("versions").forEach(version -> versions.add(version.asString("")));
    List<OsvRange> ranges = new ArrayList<>();
    for (JsonNode range : entry.path("ranges")) {
      String type = range.path("type").asString("");
      if (type.equals("ECOSYSTEM") || type.equals("SEMVER")) {
        ranges.add(new OsvRange(events(range.path("events"))));
      }
    }
    JsonNode pkg = entry.path("package");
    String severity = entry.path("ecosystem_specific").path("severity").asString(null);
    return new Affected(pkg.path("ecosystem").asString(""), pkg.path("name").asString(""), versions, ranges,
        severity);
  }

  private static List<OsvRange.Event> events(JsonNode array) {
    List<OsvRange.Event> events = new ArrayList<>();
    for (JsonNode event : array) {
      if (event.hasNonNull("introduced")) {
        events.add(new OsvRange.Event(OsvRange.Kind.INTRODUCED, event.get("introduced").asString()));
      } else if (event.hasNonNull("fixed")) {
        events.add(new OsvRange.Event(OsvRange.Kind.FIXED, event.get("fixed").asString()));
      } else if (event.hasNonNull("last_affected")) {
        events.add(new OsvRange.Event(OsvRange.Kind.LAST_AFFECTED, event.get("last_affected").asString()));
      }
    }
    return events;
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.ofNullable(text).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }
}
