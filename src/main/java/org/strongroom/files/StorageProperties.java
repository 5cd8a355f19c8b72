package org.strongroom.files;

import java.net.URI;
import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * Where blobs live, {@code strongroom.storage.*}.
 *
 * @param type  {@code local} (a folder) or {@code s3} (an S3-compatible bucket)
 * @param local the local folder's settings
 * @param s3    the bucket's settings, used when {@code type} is {@code s3}
 */
@ConfigurationProperties(prefix = "strongroom.storage")
public record StorageProperties(@DefaultValue("local") String type, @DefaultValue Local local, @DefaultValue S3 s3) {

  public StorageProperties {
    if (!"local".equals(type) && !"s3".equals(type)) {
      throw new IllegalArgumentException("strongroom.storage.type must be local or s3 (got \"" + type + "\")");
    }
    if ("s3".equals(type)) {
      s3.check();
    }
  }

  /**
   * @param path the folder for blobs and in-progress uploads (default {@code files} in the instance
   *             folder; a relative path is inside the instance folder)
   */
  public record Local(Path path) {}

  /**
   * An S3-compatible bucket. The secret access key is never configured in clear: it is sealed
   * with {@code strongroom storage seal-secret} and opened with the instance secret key.
   *
   * @param endpoint              the service's URL; unset for AWS itself
   * @param region                the bucket's region
   * @param bucket                the bucket's name (required with {@code type: s3})
   * @param prefix                a key prefix for every blob, e.g. {@code strongroom/}
   * @param accessKeyId           the access key id (required with {@code type: s3})
   * @param secretAccessKeySealed the secret access key as printed by {@code strongroom storage seal-secret}
   * @param pathStyle             path-style requests ({@code endpoint/bucket/key}), as most S3-compatible servers need
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
}
