package org.strongroom.advisories;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.time.Instant;
import java.time.format.DateTimeParseException;
import java.util.Optional;
import java.util.Properties;

/**
 * The version, build time and commit of this build, from {@code META-INF/build-info.properties}
 * (Spring Boot's build-info goal) and {@code git.properties} (absent when built without git).
 */
public record BuildInfo(String version, Optional<Instant> time, String commit, boolean dirty) {

  public static BuildInfo current() {
    Properties build = load("META-INF/build-info.properties");
    Properties git = load("git.properties");
    String version = build.getProperty("build.version",
        Optional.ofNullable(BuildInfo.class.getPackage().getImplementationVersion()).orElse("development"));
    return new BuildInfo(version, instant(build.getProperty("build.time")),
        git.getProperty("git.commit.id.abbrev", "unknown"), "true".equals(git.getProperty("git.dirty")));
  }

  /** The lines of {@code strongroom --version}. */
  public String[] lines() {
    return new String[] {
        "strongroom " + version,
        "built " + time.map(Instant::toString).orElse("at an unknown time (no build-info)"),
        "commit " + commit + (dirty ? " (with uncommitted changes)" : "")};
  }

  private static Optional<Instant> instant(String text) {
    try {
      return Optional.ofNullable(text).map(Instant::parse);
    } catch (DateTimeParseException e) {
      return Optional.empty();
    }
  }

  private static Properties load(String resource) {
    Properties properties = new Properties();
    try (InputStream in = BuildInfo.class.getClassLoader().getResourceAsStream(resource)) {
      if (in != null) {
        properties.load(in);
      }
    } catch (IOException e) {
      throw new UncheckedIOException("cannot read " + resource + " from the jar", e);
    }
    return properties;
  }
}
