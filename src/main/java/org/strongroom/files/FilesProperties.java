package org.strongroom.files;

import java.net.URI;
import java.nio.file.Path;
import java.time.Duration;
import java.util.List;
import java.util.Locale;
import java.util.Optional;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;
import org.springframework.util.unit.DataSize;

/**
 * The files feature's configuration, {@code strongroom.files.*} (where blobs are kept is
 * {@link StorageProperties}; the largest upload is {@code strongroom.max-content-length}).
 * Checked at start-up; each refusal names the key and how to fix it.
 *
 * @param origin             separate origin that serves file contents (e.g. {@code https://files.example.org});
 *                           unset means they are served, sandboxed, from the application's origin
 * @param quotaPerUser       total bytes one user may upload (e.g. {@code 10GiB}); unset means no quota
 * @param allowedTypes       detected MIME types accepted for upload; empty means any
 * @param signedUrlLifetime  how long a signed download URL on the files origin stays valid (1s to 1h)
 * @param sweepInterval      how often leftovers (interrupted uploads, orphaned blobs) are removed
 * @param orphanGrace        how old a leftover must be before the sweeper removes it
 */
@ConfigurationProperties(prefix = "strongroom.files")
public record FilesProperties(URI origin, DataSize quotaPerUser, @DefaultValue List<String> allowedTypes,
    @DefaultValue("60s") Duration signedUrlLifetime, @DefaultValue("1h") Duration sweepInterval,
    @DefaultValue("1h") Duration orphanGrace) {

  public FilesProperties {
    allowedTypes = allowedTypes == null ? List.of() : allowedTypes.stream()
        .map(t -> t.strip().toLowerCase(Locale.ROOT)).filter(t -> !t.isEmpty()).toList();
    if (origin != null) {
      checkOrigin(origin);
    }
    if (quotaPerUser != null && quotaPerUser.toBytes() <= 0) {
      throw new IllegalArgumentException("strongroom.files.quota-per-user must be positive "
          + "(e.g. 10GiB); leave it unset for no quota");
    }
    if (signedUrlLifetime.isNegative() || signedUrlLifetime.isZero()
        || signedUrlLifetime.compareTo(Duration.ofHours(1)) > 0) {
      throw new IllegalArgumentException("strongroom.files.signed-url-lifetime must be between "
          + "1s and 1h (default 60s)");
    }
    if (sweepInterval.isNegative() || sweepInterval.isZero() || orphanGrace.isNegative()) {
      throw new IllegalArgumentException("strongroom.files.sweep-interval must be positive and "
          + "strongroom.files.orphan-grace not negative (defaults 1h)");
    }
  }

  private static void checkOrigin(URI origin) {
    boolean bare = origin.isAbsolute() && origin.getHost() != null && origin.getRawUserInfo() == null
        && (origin.getRawPath() == null || origin.getRawPath().isEmpty() || origin.getRawPath().equals("/"))
        && origin.getRawQuery() == null && origin.getRawFragment() == null;
    if (!bare || !"https".equals(origin.getScheme())) {
      throw new IllegalArgumentException("strongroom.files.origin must be an https origin without "
          + "path, e.g. https://files.example.org (got \"" + origin + "\")");
    }
  }

  /** The files origin's host name, for the trusted-host check and the files-origin routing. */
  public Optional<String> originHost() {
    return Optional.ofNullable(origin).map(o -> o.getHost().toLowerCase(Locale.ROOT));
  }

  /** The files origin without a trailing slash, e.g. {@code https://files.example.org}. */
  public Optional<String> originUrl() {
    return Optional.ofNullable(origin).map(o -> o.getScheme() + "://" + o.getRawAuthority());
  }
}
