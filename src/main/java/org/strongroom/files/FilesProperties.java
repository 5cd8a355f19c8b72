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
 * The files feature's configuration: {@code strongroom.max-content-length},
 * {@code strongroom.files.*} and {@code strongroom.storage.*}. Checked at start-up; each
 * refusal names the key and how to fix it.
 */
@ConfigurationProperties(prefix = "strongroom")
public record FilesProperties(@DefaultValue("100MB") DataSize maxContentLength,
    @DefaultValue Files files, @DefaultValue Storage storage) {

  /**
   * @param origin             separate origin that serves file contents (e.g. {@code https://files.example.org})
   * @param quotaPerUser       total bytes one user may upload; unset means no quota
   * @param allowedTypes       detected MIME types accepted for upload; empty means any
   * @param signedUrlLifetime  how long a signed download URL on the files origin stays valid
   * @param sweepInterval      how often leftovers (interrupted uploads, orphaned blobs) are removed
   * @param orphanGrace        how old a leftover must be before the sweeper removes it
   */
  public record Files(URI origin, DataSize quotaPerUser, @DefaultValue List<String> allowedTypes,
      @DefaultValue("60s") Duration signedUrlLifetime, @DefaultValue("1h") Duration sweepInterval,
      @DefaultValue("1h") Duration orphanGrace) {

    public Files {
      allowedTypes = allowedTypes.stream().map(t -> t.strip().toLowerCase(Locale.ROOT))
          .filter(t -> !t.isEmpty()).toList();
      if (origin != null) {
        checkOrigin(origin);
      }
      if (quotaPerUser != null && quotaPerUser.toBytes() <= 0) {
        throw new IllegalArgumentException("strongroom.files.quota-per-user must be positive "
            + "(e.g. 10GB); leave it unset for no quota");
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
  }

  /** Where blobs live: {@code type} {@code local} (default) or {@code s3}. */
  public record Storage(@DefaultValue("local") String type, @DefaultValue Local local, @DefaultValue S3 s3) {

    public Storage {
      if (!"local".equals(type) && !"s3".equals(type)) {
        throw new IllegalArgumentException("strongroom.storage.type must be local or s3 (got \"" + type + "\")");
      }
      if ("s3".equals(type)) {
        s3.check();
      }
    }
  }

  /** @param path the folder for blobs and in-progress uploads (default {@code <instance>/files}) */
  public record Local(Path path) {}

  /**
   * An S3-compatible bucket. The secret access key is never configured in clear: it is sealed
   * with {@code strongroom storage seal-secret} and opened with the instance secret key.
   */
  public record S3(URI endpoint, @DefaultValue("us-east-1") String region, String bucket,
      @DefaultValue("") String prefix, String accessKeyId, String secretAccessKeySealed,
      @DefaultValue("true") boolean pathStyle) {

    void check() {
      if (bucket == null || bucket.isBlank()) {
        throw new IllegalArgumentException("strongroom.storage.s3.bucket must be set when strongroom.storage.type=s3");
      }
      if (accessKeyId == null || accessKeyId.isBlank() || secretAccessKeySealed == null
          || secretAccessKeySealed.isBlank()) {
        throw new IllegalArgumentException("strongroom.storage.s3.access-key-id and "
            + "strongroom.storage.s3.secret-access-key-sealed must be set; seal the secret with "
            + "'strongroom storage seal-secret'");
      }
    }

    @Override
    public String toString() {
      return "S3[endpoint=" + endpoint + ", bucket=" + bucket + ", secret=<sealed>]";
    }
  }

  /** The files origin's host name, for the trusted-host check and the files-origin routing. */
  public Optional<String> originHost() {
    return Optional.ofNullable(files.origin()).map(o -> o.getHost().toLowerCase(Locale.ROOT));
  }

  /** The files origin without a trailing slash, e.g. {@code https://files.example.org}. */
  public Optional<String> origin() {
    return Optional.ofNullable(files.origin()).map(o -> o.getScheme() + "://" + o.getRawAuthority());
  }
}
