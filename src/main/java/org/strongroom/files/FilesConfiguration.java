package org.strongroom.files;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;
import java.util.List;

import org.apache.coyote.UpgradeProtocol;
import org.apache.coyote.http2.Http2Protocol;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.strongroom.secrets.SealedSetting;
import org.strongroom.secrets.SealedSettings;
import org.strongroom.secrets.SecretBox;
import org.strongroom.secrets.SecretKeyRing;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class FilesConfiguration {

  @Bean
  BlobStore blobStore(StorageProperties properties, SecretBox secrets) throws IOException {
    return openStore(properties, secrets);
  }

  /** The store the settings name, for the application and for {@link BlobArchive#open} alike. */
  static BlobStore openStore(StorageProperties properties, SecretBox secrets) throws IOException {
    if ("s3".equals(properties.type())) {
      StorageProperties.S3 s3 = properties.s3();
      return new S3BlobStore(s3, secrets.open(S3BlobStore.SECRET_PURPOSE, s3.secretAccessKeySealed()));
    }
    return new LocalBlobStore(localPath(properties));
  }

  /** The S3 secret access key is sealed in the configuration: {@code migrate-secret-key} re-seals it. */
  @Bean
  SealedSettings storageSealedSettings(StorageProperties properties) {
    return () -> "s3".equals(properties.type()) && properties.s3().secretAccessKeySealed() != null
        ? List.of(new SealedSetting("strongroom.storage.s3.secret-access-key-sealed", S3BlobStore.SECRET_PURPOSE,
            properties.s3().secretAccessKeySealed()))
        : List.of();
  }

  /** Uploads are staged on local disk for every backend: S3 needs the size and MD5 before a PUT. */
  @Bean
  UploadStaging uploadStaging(StorageProperties properties) throws IOException {
    return new UploadStaging(localPath(properties));
  }

  @Bean
  SignedUrls signedUrls(SecretKeyRing keys, Clock clock, FilesProperties properties) {
    return new SignedUrls(keys, clock, properties.signedUrlLifetime());
  }

  /** Ahead of Spring Security, so that the files origin never touches a session or cookie. */
  @Bean
  FilterRegistrationBean<FilesOriginFilter> filesOriginFilter(FilesProperties properties,
      SignedUrls signedUrls, RecordFiles files) {
    FilterRegistrationBean<FilesOriginFilter> registration = new FilterRegistrationBean<>(
        new FilesOriginFilter(properties.originHost().orElse(""), signedUrls, files));
    registration.setOrder(SecurityFilterProperties.DEFAULT_FILTER_ORDER - 10);
    registration.setEnabled(properties.originHost().isPresent());
    return registration;
  }

  /**
   * HTTP/2 flow-control window that Tomcat advertises for every stream (SETTINGS_INITIAL_WINDOW_SIZE)
   * and, with a WINDOW_UPDATE at connection start, for the connection as a whole. Tomcat's
   * default of 64 KiB makes an uploading client wait for a window update every 64 KiB.
   * Memory: Tomcat gives each stream that sends a body two buffers of this size (allocated on
   * its first DATA frame, released when the stream ends), so 512 KiB per upload and at most
   * 100 streams x 512 KiB = 50 MiB per connection. 256 KiB uploaded about as fast here as
   * 1 MiB (224 vs 230 MB/s) with a quarter of that worst case.
   */
  static final int HTTP2_INITIAL_WINDOW_SIZE = 256 * 1024;

  /**
   * Tomcat's default, stated so that the memory bound (this × 2 × window = 50 MiB per
   * connection at worst) cannot drift. Not lower: the JDK's HTTP client fails requests beyond
   * the server's limit ("too many concurrent streams") instead of queuing them.
   */
  static final long HTTP2_MAX_CONCURRENT_STREAMS = 100;

  /** HTTP/2 tuned for uploads ({@link #configureHttp2}); HTTP/1.1 is not affected. */
  @Bean
  TomcatConnectorCustomizer http2Uploads() {
    return connector -> {
      for (UpgradeProtocol protocol : connector.findUpgradeProtocols()) {
        if (protocol instanceof Http2Protocol http2) {
          configureHttp2(http2);
        }
      }
    };
  }

  static void configureHttp2(Http2Protocol http2) {
    // Tomcat closes an HTTP/2 connection whose DATA frames are small on average ("too much
    // overhead"); concurrent uploads share the connection window and arrive in small frames,
    // so that check would cut honest uploads. The other flood checks stay on.
    http2.setOverheadDataThreshold(0);
    // Unread request data per connection stays below one window (the connection window is
    // replenished only as the application reads); a stalled body is dropped after Tomcat's
    // stream read timeout (20 s, unchanged), which frees its buffers.
    http2.setInitialWindowSize(HTTP2_INITIAL_WINDOW_SIZE);
    http2.setMaxConcurrentStreams(HTTP2_MAX_CONCURRENT_STREAMS);
  }

  private static Path localPath(StorageProperties properties) {
    Path path = properties.local().path();
    if (path == null) {
      throw new IllegalStateException("strongroom.storage.local.path is not set; set it to a folder "
          + "for uploads (default <instance>/files)");
    }
    return path;
  }
}
