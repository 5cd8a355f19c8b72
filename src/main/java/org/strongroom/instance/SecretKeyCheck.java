package org.strongroom.instance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import me.gosimple.nbvcxz.Nbvcxz;
import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.strongroom.secrets.SecretKeys;

/** SR-W001…W004: the secret key is present, long, not a well-known value, and not readable by others. */
@Component
class SecretKeyCheck implements DeployCheck {

  private static final String GENERATE = "generate one with 'strongroom instance gen-secret-key' and "
      + "put it in secret.key (mode 0600) or STRONGROOM_SECRET_KEY";
  /** Values copied from examples and tutorials; compared whole, never as parts of a key. */
  private static final Set<String> PLACEHOLDERS = Set.of("changeme", "change-me", "change_me", "secret",
      "secret-key", "secret_key", "secretkey", "your-secret-key", "your_secret_key", "mysecretkey", "insecure",
      "default", "example", "password", "test", "demo", "dev", "development", "placeholder", "xxx", "todo");
  /** An estimate below this many bits (a dictionary word, a repeated phrase) is no secret. */
  static final double MIN_ENTROPY_BITS = 128;
  private static final Nbvcxz ESTIMATOR = new Nbvcxz();

  private final Environment environment;

  SecretKeyCheck(Environment environment) {
    this.environment = environment;
  }

  @Override
  public List<Finding> check(boolean deploy) {
    List<Finding> findings = new ArrayList<>();
    String key = environment.getProperty("strongroom.secret-key");
    if (key == null || key.isBlank()) {
      findings.add(Finding.error("SR-W001", "no secret key is configured", GENERATE));
      return findings;
    }
    byte[] bytes = SecretKeys.decode(key);
    if (bytes.length < SecretKeys.KEY_BYTES) {
      findings.add(Finding.error("SR-W002", "the secret key is shorter than 256 bits", GENERATE));
    }
    if (looksWellKnown(key.strip(), bytes)) {
      findings.add(Finding.error("SR-W003", "the secret key looks like a placeholder or a low-entropy value",
          GENERATE));
    }
    Path file = new InstanceLayout(Path.of(environment.getProperty("strongroom.instance",
        InstanceLayout.DEFAULT_FOLDER))).secretKey();
    if (readableByOthers(file)) {
      findings.add(Finding.errorWhenDeploying(deploy, "SR-W004", "the secret key file " + file.getFileName()
          + " can be read by other users", "run 'chmod 600 " + file + "' (and make the server's user its owner)"));
    }
    return findings;
  }

  /**
   * A known placeholder, or a key whose estimated entropy (nbvcxz: dictionary words, repeats,
   * sequences) is low. Never a search for words inside the key: a random key contains "test"
   * or "demo" about once in 13,000.
   */
  static boolean looksWellKnown(String text, byte[] bytes) {
    String lower = text.toLowerCase(Locale.ROOT);
    if (PLACEHOLDERS.contains(lower) || PLACEHOLDERS.contains(lower.replaceAll("[^a-z]", ""))) {
      return true;
    }
    long distinct = new String(bytes, StandardCharsets.ISO_8859_1).chars().distinct().count();
    return distinct < 16 || ESTIMATOR.estimate(text).getEntropy() < MIN_ENTROPY_BITS;
  }

  private static boolean readableByOthers(Path file) {
    if (!Files.isRegularFile(file)
        || !file.getFileSystem().supportedFileAttributeViews().contains("posix")) {
      return false;
    }
    try {
      Set<PosixFilePermission> permissions = Files.getPosixFilePermissions(file);
      return permissions.contains(PosixFilePermission.GROUP_READ)
          || permissions.contains(PosixFilePermission.OTHERS_READ);
    } catch (IOException e) {
      return false;
    }
  }
}
