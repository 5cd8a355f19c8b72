package org.strongroom.advisories;

/**
 * A library of the build that an advisory names: printed as one line by
 * {@code strongroom instance advisories} and reported by {@code instance check --deploy}.
 *
 * @param fixedVersion the first version without the flaw, or null when the advisory names none
 */
public record AffectedComponent(String packageName, String version, String advisoryId, String aliases,
    String severity, String fixedVersion) {

  public String line() {
    return packageName + " " + version + " " + advisoryId + (aliases.isEmpty() ? "" : " (" + aliases + ")")
        + " " + severity + " " + (fixedVersion == null ? "no fixed version" : "fixed in " + fixedVersion);
  }
}
