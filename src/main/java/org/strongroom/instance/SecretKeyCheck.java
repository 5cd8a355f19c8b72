package org.strongroom.instance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.nio.file.attribute.PosixFilePermission;
import java.util.ArrayList;
import java.util.Base64;
import java.util.List;
import java.util.Locale;
import java.util.Set;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;
import org.strongroom.secrets.SecretKeys;

/** SR-W001…W004: the secret key is present, long, not a well-known value, and not readable by others. */
@Component
class SecretKeyCheck implements DeployCheck {

  private static final String GENERATE = "generate one with 'strongroom instance gen-secret-key' and "
      + "put it in secret.key (mode 0600) or STRONGROOM_SECRET_KEY";
  private static final List<String> WELL_KNOWN = List.of("change", "secret", "example", "password",
      "default", "insecure", "test", "demo");

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
    byte[] bytes = decode(key.strip());
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

  private static byte[] decode(String key) {
    try {
      byte[] decoded = Base64.getUrlDecoder().decode(key);
      if (decoded.length >= SecretKeys.KEY_BYTES) {
        return decoded;
      }
    } catch (IllegalArgumentException notBase64) {
      // taken as text, as SecretKeys does
    }
    return key.getBytes(StandardCharsets.UTF_8);
  }

  private static boolean looksWellKnown(String text, byte[] bytes) {
    String lower = text.toLowerCase(Locale.ROOT);
    boolean placeholder = WELL_KNOWN.stream().anyMatch(lower::contains);
    long distinct = new String(bytes, StandardCharsets.ISO_8859_1).chars().distinct().count();
    return placeholder || distinct < 16;
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
