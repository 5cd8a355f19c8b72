package org.strongroom.advisories;

import java.util.ArrayList;
import java.util.Comparator;
import java.util.List;
import java.util.Optional;

import org.apache.maven.artifact.versioning.ComparableVersion;

/**
 * One OSV range of type {@code ECOSYSTEM} or {@code SEMVER}: events {@code introduced},
 * {@code fixed} and {@code last_affected}, evaluated as the OSV schema's "IsAffected" does,
 * with Maven's own version ordering. ({@code GIT} ranges name commits, not releases, and are
 * not read.)
 */
record OsvRange(List<Event> events) {

  enum Kind { INTRODUCED, FIXED, LAST_AFFECTED }

  record Event(Kind kind, String version) {

    /** {@code introduced: "0"} means "since the first version". */
    ComparableVersion comparable() {
      return new ComparableVersion("0".equals(version) ? "" : version);
    }
  }

  OsvRange {
    List<Event> sorted = new ArrayList<>(events);
    sorted.sort(Comparator.comparing(Event::comparable));
    events = List.copyOf(sorted);
  }

  boolean affects(String version) {
    ComparableVersion v = new ComparableVersion(version);
    boolean affected = false;
    for (Event event : events) {
      int order = v.compareTo(event.comparable());
      switch (event.kind()) {
        case INTRODUCED -> {
          if ("0".equals(event.version()) || order >= 0) {
            affected = true;
          }
        }
        case FIXED -> {
          if (order >= 0) {
            affected = false;
          }
        }
        case LAST_AFFECTED -> {
          if (order > 0) {
            affected = false;
          }
        }
      }
    }
    return affected;
  }

  /** The first fixed version above {@code version}, if the range names one. */
  Optional<String> fixedAfter(String version) {
    ComparableVersion v = new ComparableVersion(version);
    return events.stream().filter(e -> e.kind() == Kind.FIXED && v.compareTo(e.comparable()) < 0)
        .map(Event::version).findFirst();
  }
}
