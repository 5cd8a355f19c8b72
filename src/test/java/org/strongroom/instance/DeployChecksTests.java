package org.strongroom.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermissions;
import java.time.Clock;
import java.time.Duration;
import java.time.Instant;
import java.time.ZoneOffset;
import java.util.List;

import org.junit.jupiter.api.Test;
import org.junit.jupiter.api.io.TempDir;
import org.springframework.mock.env.MockEnvironment;
import org.strongroom.secrets.SecretKeys;

class DeployChecksTests {

  @TempDir
  Path folder;

  MockEnvironment environment(String key) {
    MockEnvironment environment = new MockEnvironment().withProperty("strongroom.instance", folder.toString());
    if (key != null) {
      environment.setProperty("strongroom.secret-key", key);
    }
    return environment;
  }

  List<String> ids(List<Finding> findings) {
    return findings.stream().map(f -> f.id() + " " + f.severity()).toList();
  }

  @Test
  void aGeneratedKeyPasses() {
    assertThat(new SecretKeyCheck(environment(SecretKeys.generate())).check(true)).isEmpty();
  }

  @Test
  void missingShortAndPlaceholderKeysAreErrors() {
    assertThat(ids(new SecretKeyCheck(environment(null)).check(false))).containsExactly("SR-W001 ERROR");
    assertThat(ids(new SecretKeyCheck(environment("c2hvcnQ")).check(false))).contains("SR-W002 ERROR");
    assertThat(ids(new SecretKeyCheck(environment("change-me-change-me-change-me-change-me-now")).check(false)))
        .containsExactly("SR-W003 ERROR");
    assertThat(ids(new SecretKeyCheck(environment("a".repeat(64))).check(false))).containsExactly("SR-W003 ERROR");
  }

  @Test
  void aGeneratedKeyThatHappensToSpellAWordIsNoPlaceholder() {
    // About one generated key in 13,000 contains "test" or "demo"; the old check refused them.
    for (String word : new String[] {"test", "demo", "Test", "secret", "change"}) {
      String generated = SecretKeys.generate();
      String key = generated.substring(0, 12) + word + generated.substring(12 + word.length());
      assertThat(ids(new SecretKeyCheck(environment(key)).check(true))).as(key).isEmpty();
    }
    for (int i = 0; i < 200; i++) {
      String key = SecretKeys.generate();
      assertThat(new SecretKeyCheck(environment(key)).check(true)).as(key).isEmpty();
    }
  }

  @Test
  void knownPlaceholdersAndLowEntropyKeysAreRefused() {
    for (String key : new String[] {"changeme", "CHANGE_ME", "your-secret-key", "test", "demo",
        "passwordpasswordpasswordpasswordpassword", "correct-horse-battery-staple-correct-horse",
        "0123456789abcdef0123456789abcdef0123456789abcdef", "this is my secret key for the test server"}) {
      assertThat(ids(new SecretKeyCheck(environment(key)).check(false))).as(key).contains("SR-W003 ERROR");
    }
  }

  @Test
  void aKeyFileReadableByOthersIsAnErrorWhenDeploying() throws Exception {
    Path file = new InstanceLayout(folder).secretKey();
    Files.writeString(file, SecretKeys.generate());
    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-r--r--"));
    SecretKeyCheck check = new SecretKeyCheck(environment(SecretKeys.generate()));

    assertThat(ids(check.check(true))).containsExactly("SR-W004 ERROR");
    assertThat(ids(check.check(false))).containsExactly("SR-W004 WARNING");
    assertThat(check.check(true).get(0).line()).contains("— run 'chmod 600 " + file + "'");

    Files.setPosixFilePermissions(file, PosixFilePermissions.fromString("rw-------"));
    assertThat(check.check(true)).isEmpty();
  }

  @Test
  void certificateSelfSignedExpiringAndExpired() {
    InstanceLayout layout = new InstanceLayout(folder);
    InstanceSetup.ensure(layout, Clock.systemUTC());
    MockEnvironment environment = environment(SecretKeys.generate())
        .withProperty("strongroom.tls.certificate", layout.tlsCertificate().toString());
    Instant now = Instant.now();

    assertThat(ids(new CertificateCheck(environment, Clock.fixed(now, ZoneOffset.UTC)).check(true)))
        .containsExactly("SR-W021 WARNING");
    assertThat(new CertificateCheck(environment, Clock.fixed(now, ZoneOffset.UTC)).check(false)).isEmpty();
    Instant soon = now.plus(SelfSignedCertificate.VALIDITY).minus(Duration.ofDays(10));
    assertThat(ids(new CertificateCheck(environment, Clock.fixed(soon, ZoneOffset.UTC)).check(false)))
        .containsExactly("SR-W023 WARNING");
    Instant later = now.plus(SelfSignedCertificate.VALIDITY).plus(Duration.ofDays(1));
    assertThat(ids(new CertificateCheck(environment, Clock.fixed(later, ZoneOffset.UTC)).check(false)))
        .containsExactly("SR-W022 ERROR");
    environment.setProperty("strongroom.tls.certificate", folder.resolve("missing.pem").toString());
    assertThat(ids(new CertificateCheck(environment).check(false))).containsExactly("SR-W020 ERROR");
  }

  @Test
  void tlsOffAndH2() {
    MockEnvironment environment = environment(null).withProperty("server.ssl.bundle", "strongroom");
    DatabaseProperties h2 = new DatabaseProperties("jdbc:h2:file:/x", "sa", "");
    assertThat(ids(new ServerCheck(environment, h2).check(true))).containsExactly("SR-W060 WARNING");
    assertThat(new ServerCheck(environment, h2).check(false)).isEmpty();
    DatabaseProperties postgres = new DatabaseProperties("jdbc:postgresql://db/strongroom", "sr", "pw");
    assertThat(new ServerCheck(environment, postgres).check(true)).isEmpty();
    environment.setProperty("server.ssl.enabled", "false");
    assertThat(ids(new ServerCheck(environment, h2).check(false))).containsExactly("SR-W030 ERROR");
  }

  @Test
  void findingLinesHaveIdSeverityMessageAndFix() {
    assertThat(Finding.error("SR-W999", "something is wrong", "do this").line())
        .isEqualTo("SR-W999 ERROR something is wrong — do this");
  }
}
