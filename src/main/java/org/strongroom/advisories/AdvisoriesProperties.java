package org.strongroom.advisories;

import java.nio.file.Path;
import java.time.Duration;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code strongroom.advisories.*}.
 *
 * @param db     an offline OSV export (file, folder or all.zip) for {@code instance check --deploy};
 *               relative paths are inside the instance folder; unset: no advisory check
 * @param maxAge how old the build or the export may be before the deploy check warns
 */
@ConfigurationProperties(prefix = "strongroom.advisories")
public record AdvisoriesProperties(Path db, @DefaultValue("30d") Duration maxAge) {

  public AdvisoriesProperties {
    if (maxAge.isNegative() || maxAge.isZero()) {
      throw new IllegalArgumentException("strongroom.advisories.max-age must be positive (default 30d)");
    }
  }
}
