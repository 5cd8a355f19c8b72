package org.strongroom.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.StandardCopyOption;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;

import javax.net.ssl.SSLContext;
import javax.net.ssl.SSLSocket;
import javax.net.ssl.TrustManager;
import javax.net.ssl.X509TrustManager;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.extension.BeforeAllCallback;
import org.junit.jupiter.api.extension.ExtendWith;
import org.junit.jupiter.api.extension.ExtensionContext;
import org.springframework.boot.test.context.SpringBootTest;
import org.springframework.boot.test.web.server.LocalServerPort;
import org.strongroom.support.Eventually;

/**
 * A certificate replaced on disk is served within seconds, without a restart. Uses an
 * instance folder of its own, so the shared test certificate is never touched.
 */
@ExtendWith(CertificateReloadIntegrationTests.FreshInstance.class)
@SpringBootTest(webEnvironment = SpringBootTest.WebEnvironment.RANDOM_PORT, properties = {
    "strongroom.instance=" + CertificateReloadIntegrationTests.FOLDER,
    "strongroom.database.url=jdbc:h2:mem:${random.uuid};DB_CLOSE_DELAY=-1"})
class CertificateReloadIntegrationTests {

  static final String FOLDER = "target/test-instance-cert-reload";
  static final InstanceLayout LAYOUT = new InstanceLayout(Path.of(FOLDER));

  static class FreshInstance implements BeforeAllCallback {
    @Override
    public void beforeAll(ExtensionContext context) throws IOException {
      Files.deleteIfExists(LAYOUT.tlsCertificate());
      Files.deleteIfExists(LAYOUT.tlsPrivateKey());
      InstanceSetup.ensure(LAYOUT, Clock.systemUTC());
    }
  }

  @LocalServerPort
  int port;

  @Test
  void replacedCertificateIsServedWithinSeconds() throws Exception {
    X509Certificate before = servedCertificate();
    SelfSignedCertificate replacement = SelfSignedCertificate.generate(Instant.now());
    String newSerial = serialOf(replacement.certificatePem());
    assertThat(before.getSerialNumber().toString(16)).isNotEqualTo(newSerial);

    Instant written = Instant.now();
    replace(LAYOUT.tlsPrivateKey(), replacement.privateKeyPem());
    replace(LAYOUT.tlsCertificate(), replacement.certificatePem());

    Eventually.until(Duration.ofSeconds(30), "the new certificate to be served",
        () -> newSerial.equals(servedSerial()));
    assertThat(Duration.between(written, Instant.now())).isLessThan(Duration.ofSeconds(15));
    // The reloaded configuration keeps the server's cipher order.
    assertThat(TlsIntegrationTests.chosenSuite(port, 0x0303, new int[] {0xc02b, 0xc02c})).isEqualTo(0xc02c);
  }

  private static String serialOf(String pem) throws Exception {
    X509Certificate certificate = (X509Certificate) java.security.cert.CertificateFactory.getInstance("X.509")
        .generateCertificate(new java.io.ByteArrayInputStream(pem.getBytes(StandardCharsets.US_ASCII)));
    return certificate.getSerialNumber().toString(16);
  }

  /** Write beside, then rename over: the watcher never sees a half-written file. */
  private static void replace(Path file, String content) throws IOException {
    Path temp = file.resolveSibling(file.getFileName() + ".new");
    Files.writeString(temp, content, StandardCharsets.US_ASCII);
    Files.move(temp, file, StandardCopyOption.REPLACE_EXISTING, StandardCopyOption.ATOMIC_MOVE);
  }

  /** Each call makes a new connection, so the certificate is the one the server has now. */
  private String servedSerial() {
    try {
      return servedCertificate().getSerialNumber().toString(16);
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private X509Certificate servedCertificate() throws Exception {
    SSLContext context = SSLContext.getInstance("TLS");
    context.init(null, new TrustManager[] {new AcceptAnything()}, null);
    try (SSLSocket socket = (SSLSocket) context.getSocketFactory().createSocket("localhost", port)) {
      socket.startHandshake();
      return (X509Certificate) socket.getSession().getPeerCertificates()[0];
    }
  }

  /** Only used to read the certificate the server presents; nothing is sent over this connection. */
  private static final class AcceptAnything implements X509TrustManager {
    @Override
    public void checkClientTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public void checkServerTrusted(X509Certificate[] chain, String authType) {}

    @Override
    public X509Certificate[] getAcceptedIssuers() {
      return new X509Certificate[0];
    }
  }
}
