package org.strongroom.files;

import java.net.URI;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.util.List;
import java.util.Properties;

import org.gaul.s3proxy.AuthenticationType;
import org.gaul.s3proxy.S3Proxy;
import org.jclouds.ContextBuilder;
import org.jclouds.blobstore.BlobStoreContext;
import org.strongroom.secrets.SecretBox;
import org.strongroom.secrets.SecretKeyRing;
import org.strongroom.secrets.SecretsProperties;
import org.strongroom.support.TestInstance;
import org.strongroom.support.Eventually;
import java.time.Duration;

/**
 * An S3-compatible server (s3proxy over jclouds' in-memory store) in the test JVM. Public for the
 * backup tests, which copy and alter objects behind the server's back ({@link #blobStore()}).
 */
public final class S3ProxyServer {

  public static final String ACCESS_KEY = "strongroom-test";
  public static final String SECRET_KEY = "s3proxy-test-secret-0123456789";

  private static S3Proxy proxy;
  private static BlobStoreContext context;

  private S3ProxyServer() {}

  public static synchronized URI endpoint() {
    if (proxy == null) {
      start();
    }
    return URI.create("http://127.0.0.1:" + proxy.getPort());
  }

  public static synchronized void createBucket(String bucket) {
    endpoint();
    context.getBlobStore().createContainerInLocation(null, bucket);
  }

  /** The store behind the server: what an operator's bucket tools (or an attacker) change directly. */
  public static synchronized org.jclouds.blobstore.BlobStore blobStore() {
    endpoint();
    return context.getBlobStore();
  }

  /**
   * The {@code strongroom.yml} of an instance whose files are in {@code bucket} of this server, as
   * an operator writes it: the secret access key as {@code strongroom storage seal-secret} printed it.
   */
  public static String storageSettings(String bucket, String sealedSecret) {
    return """
        strongroom:
          storage:
            type: s3
            s3:
              endpoint: %s
              bucket: %s
              access-key-id: %s
              secret-access-key-sealed: "%s"
        """.formatted(endpoint(), bucket, ACCESS_KEY, sealedSecret);
  }

  /** The secret access key sealed under the test instance's secret key, as an operator would configure it. */
  static String sealedSecret() {
    try {
      String key = Files.readString(TestInstance.ensure().secretKey(), StandardCharsets.UTF_8).strip();
      return new SecretBox(new SecretKeyRing(new SecretsProperties(key, List.of())))
          .seal(S3BlobStore.SECRET_PURPOSE, SECRET_KEY.getBytes(StandardCharsets.UTF_8));
    } catch (java.io.IOException e) {
      throw new java.io.UncheckedIOException(e);
    }
  }

  private static void start() {
    Properties overrides = new Properties();
    context = ContextBuilder.newBuilder("transient").credentials("identity", "credential")
        .overrides(overrides).build(BlobStoreContext.class);
    proxy = S3Proxy.builder().blobStore(context.getBlobStore())
        .awsAuthentication(AuthenticationType.AWS_V2_OR_V4, ACCESS_KEY, SECRET_KEY)
        .endpoint(URI.create("http://127.0.0.1:0")).build();
    try {
      proxy.start();
      Eventually.until(Duration.ofSeconds(5), "s3proxy to start", () -> "STARTED".equals(proxy.getState()));
    } catch (Exception e) {
      throw new IllegalStateException("s3proxy did not start", e);
    }
    Runtime.getRuntime().addShutdownHook(new Thread(() -> {
      try {
        proxy.stop();
      } catch (Exception e) {
        // the JVM is exiting
      }
    }));
  }
}
