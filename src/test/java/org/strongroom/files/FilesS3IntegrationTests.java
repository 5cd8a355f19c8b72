package org.strongroom.files;

import org.springframework.test.context.DynamicPropertyRegistry;
import org.springframework.test.context.DynamicPropertySource;
import org.springframework.test.context.TestPropertySource;
import org.strongroom.support.IntegrationTest;

/** The same files contract on an S3-compatible bucket (s3proxy, in-process). */
@IntegrationTest
@TestPropertySource(properties = "strongroom.storage.local.path=target/test-files/s3-staging-${random.uuid}")
class FilesS3IntegrationTests extends FilesContract {

  static final String BUCKET = "strongroom-files-it";

  @DynamicPropertySource
  static void s3(DynamicPropertyRegistry registry) {
    S3ProxyServer.createBucket(BUCKET);
    registry.add("strongroom.storage.type", () -> "s3");
    registry.add("strongroom.storage.s3.endpoint", () -> S3ProxyServer.endpoint().toString());
    registry.add("strongroom.storage.s3.bucket", () -> BUCKET);
    registry.add("strongroom.storage.s3.access-key-id", () -> S3ProxyServer.ACCESS_KEY);
    registry.add("strongroom.storage.s3.secret-access-key-sealed", S3ProxyServer::sealedSecret);
  }
}
