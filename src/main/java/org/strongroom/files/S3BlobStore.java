package org.strongroom.files;

import java.io.IOException;
import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.time.Instant;
import java.util.Base64;
import java.util.function.BiConsumer;

import software.amazon.awssdk.auth.credentials.AwsBasicCredentials;
import software.amazon.awssdk.auth.credentials.StaticCredentialsProvider;
import software.amazon.awssdk.core.checksums.RequestChecksumCalculation;
import software.amazon.awssdk.core.checksums.ResponseChecksumValidation;
import software.amazon.awssdk.core.exception.SdkException;
import software.amazon.awssdk.core.sync.RequestBody;
import software.amazon.awssdk.regions.Region;
import software.amazon.awssdk.services.s3.S3Client;
import software.amazon.awssdk.services.s3.model.NoSuchKeyException;
import software.amazon.awssdk.services.s3.model.S3Object;

/**
 * Blobs in an S3-compatible bucket, under {@code <prefix>blobs/<name>}. A PUT of a complete
 * object is atomic in S3: readers see the whole object or none; Content-MD5 makes the store
 * verify what it received.
 */
class S3BlobStore implements BlobStore, AutoCloseable {

  static final String SECRET_PURPOSE = "storage-s3";

  private final S3Client s3;
  private final String bucket;
  private final String prefix;

  S3BlobStore(StorageProperties.S3 config, byte[] secretAccessKey) {
    var builder = S3Client.builder()
        .region(Region.of(config.region()))
        .forcePathStyle(config.pathStyle())
        // Content-MD5 is sent on every PUT; newer trailing checksums are not understood by
        // every S3-compatible store.
        .requestChecksumCalculation(RequestChecksumCalculation.WHEN_REQUIRED)
        .responseChecksumValidation(ResponseChecksumValidation.WHEN_REQUIRED)
        .credentialsProvider(StaticCredentialsProvider.create(AwsBasicCredentials.create(
            config.accessKeyId(), new String(secretAccessKey, StandardCharsets.UTF_8))));
    if (config.endpoint() != null) {
      builder.endpointOverride(config.endpoint());
    }
    this.s3 = builder.build();
    this.bucket = config.bucket();
    this.prefix = config.prefix() + "blobs/";
  }

  @Override
  public void put(String name, Path staged, long size, byte[] md5) throws IOException {
    try {
      s3.putObject(put -> put.bucket(bucket).key(key(name)).contentLength(size)
          .contentMD5(Base64.getEncoder().encodeToString(md5)), RequestBody.fromFile(staged));
    } catch (SdkException e) {
      throw new IOException("Storing a blob in the S3 bucket failed: " + e.getMessage(), e);
    }
  }

  @Override
  public InputStream open(String name, long first, long last) throws IOException {
    try {
      return s3.getObject(get -> get.bucket(bucket).key(key(name)).range("bytes=" + first + "-" + last));
    } catch (NoSuchKeyException e) {
      throw new java.nio.file.NoSuchFileException(name);
    } catch (SdkException e) {
      throw new IOException("Reading a blob from the S3 bucket failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void delete(String name) throws IOException {
    try {
      s3.deleteObject(delete -> delete.bucket(bucket).key(key(name)));
    } catch (SdkException e) {
      throw new IOException("Deleting a blob from the S3 bucket failed: " + e.getMessage(), e);
    }
  }

  @Override
  public void forEach(BiConsumer<String, Instant> visitor) throws IOException {
    try {
      for (S3Object object : s3.listObjectsV2Paginator(list -> list.bucket(bucket).prefix(prefix)).contents()) {
        String name = object.key().substring(prefix.length());
        if (BlobNames.isWellFormed(name)) {
          visitor.accept(name, object.lastModified());
        }
      }
    } catch (SdkException e) {
      throw new IOException("Listing the S3 bucket failed: " + e.getMessage(), e);
    }
  }

  private String key(String name) {
    if (!BlobNames.isWellFormed(name)) {
      throw new IllegalArgumentException("Not a blob name");
    }
    return prefix + name;
  }

  @Override
  public void close() {
    s3.close();
  }
}
