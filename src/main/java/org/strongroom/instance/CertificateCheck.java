package org.strongroom.instance;

import java.io.InputStream;
import java.nio.file.Files;
import java.nio.file.Path;
import java.security.cert.CertificateFactory;
import java.security.cert.X509Certificate;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** SR-W020…W023: the TLS certificate can be read, is not expired or about to, and is not self-signed. */
@Component
class CertificateCheck implements DeployCheck {

  static final Duration EXPIRY_WARNING = Duration.ofDays(30);

  private final Environment environment;
  private final Clock clock;

  @org.springframework.beans.factory.annotation.Autowired
  CertificateCheck(Environment environment) {
    this(environment, Clock.systemUTC());
  }

  CertificateCheck(Environment environment, Clock clock) {
    this.environment = environment;
    this.clock = clock;
  }

  @Override
  public List<Finding> check(boolean deploy) {
    List<Finding> findings = new ArrayList<>();
    String location = environment.getProperty("strongroom.tls.certificate");
    X509Certificate certificate = location == null ? null : read(Path.of(location));
    if (certificate == null) {
      findings.add(Finding.error("SR-W020", "the TLS certificate " + location + " cannot be read",
          "set strongroom.tls.certificate to a PEM certificate (and strongroom.tls.private-key to its key)"));
      return findings;
    }
    Instant now = clock.instant();
    Instant notAfter = certificate.getNotAfter().toInstant();
    if (notAfter.isBefore(now)) {
      findings.add(Finding.error("SR-W022", "the TLS certificate expired on " + notAfter,
          "replace " + location + " with a valid certificate; it is reloaded without a restart"));
    } else if (notAfter.isBefore(now.plus(EXPIRY_WARNING))) {
      findings.add(Finding.warning("SR-W023", "the TLS certificate expires on " + notAfter,
          "renew it (e.g. with an ACME client) and write it to " + location + "; it is reloaded without a restart"));
    }
    if (deploy && isSelfSigned(certificate)) {
      findings.add(Finding.warning("SR-W021", "the TLS certificate is self-signed, so browsers will warn",
          "use a certificate from a CA clients trust, or terminate TLS at a proxy with one"));
    }
    return findings;
  }

  private static X509Certificate read(Path file) {
    try (InputStream in = Files.newInputStream(file)) {
      return (X509Certificate) CertificateFactory.getInstance("X.509").generateCertificate(in);
    } catch (Exception e) {
      return null;
    }
  }

  static boolean isSelfSigned(X509Certificate certificate) {
    if (!certificate.getSubjectX500Principal().equals(certificate.getIssuerX500Principal())) {
      return false;
    }
    try {
      certificate.verify(certificate.getPublicKey());
      return true;
    } catch (Exception e) {
      return false;
    }
  }
}
