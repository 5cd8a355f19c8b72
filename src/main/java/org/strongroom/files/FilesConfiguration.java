package org.strongroom.files;

import java.io.IOException;
import java.nio.file.Path;
import java.time.Clock;

import org.apache.coyote.UpgradeProtocol;
import org.apache.coyote.http2.Http2Protocol;
import org.springframework.boot.security.autoconfigure.web.servlet.SecurityFilterProperties;
import org.springframework.boot.tomcat.TomcatConnectorCustomizer;
import org.springframework.boot.web.servlet.FilterRegistrationBean;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.scheduling.annotation.EnableScheduling;
import org.strongroom.secrets.SecretBox;
import org.strongroom.secrets.SecretKeyRing;

@Configuration(proxyBeanMethods = false)
@EnableScheduling
class FilesConfiguration {

  @Bean
  BlobStore blobStore(FilesProperties properties, SecretBox secrets) throws IOException {
    if ("s3".equals(properties.storage().type())) {
      FilesProperties.S3 s3 = properties.storage().s3();
      return new S3BlobStore(s3, secrets.open(S3BlobStore.SECRET_PURPOSE, s3.secretAccessKeySealed()));
    }
    return new LocalBlobStore(localPath(properties));
  }

  /** Uploads are staged on local disk for every backend: S3 needs the size and MD5 before a PUT. */
  @Bean
  UploadStaging uploadStaging(FilesProperties properties) throws IOException {
    return new UploadStaging(localPath(properties));
  }

  @Bean
  SignedUrls signedUrls(SecretKeyRing keys, Clock clock, FilesProperties properties) {
    return new SignedUrls(keys, clock, properties.files().signedUrlLifetime());
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
   * Tomcat closes an HTTP/2 connection whose DATA frames are small on average ("too much
   * overhead"); concurrent uploads share the connection window and arrive in small frames,
   * so that check would cut honest uploads. The other flood checks stay on.
   */
  @Bean
  TomcatConnectorCustomizer http2UploadFrames() {
    return connector -> {
      for (UpgradeProtocol protocol : connector.findUpgradeProtocols()) {
        if (protocol instanceof Http2Protocol http2) {
          http2.setOverheadDataThreshold(0);
        }
      }
    };
  }

  private static Path localPath(FilesProperties properties) {
    Path path = properties.storage().local().path();
    if (path == null) {
      throw new IllegalStateException("strongroom.storage.local.path is not set; set it to a folder "
          + "for uploads (default <instance>/files)");
    }
    return path;
  }
}
