package org.strongroom.instance;

import java.util.ArrayList;
import java.util.List;

import org.springframework.stereotype.Component;
import org.strongroom.secrets.SecretKeyMigration;

/**
 * SR-W005: secret-key fallbacks remain after a migration. SR-W006: sealed secrets are not yet
 * under the current key (a rotation is half done). See docs/operations/key-rotation.md.
 */
@Component
class SecretKeyRotationCheck implements DeployCheck {

  private final SecretKeyMigration migration;

  SecretKeyRotationCheck(SecretKeyMigration migration) {
    this.migration = migration;
  }

  @Override
  public List<Finding> check(boolean deploy) {
    List<Finding> findings = new ArrayList<>();
    int pending = migration.notUnderCurrentKey();
    if (pending > 0) {
      findings.add(Finding.warning("SR-W006", pending + " stored secrets are not yet encrypted under the "
          + "current secret key", "run 'strongroom instance migrate-secret-key --old-key-file OLD_KEY_FILE'"));
    } else if (migration.fallbacksRemainAfterMigration()) {
      findings.add(Finding.warning("SR-W005", "secret-key fallbacks remain after a migration: an old key "
          + "still signs in sessions and opens signed URLs", "once sessions made under the old key have "
          + "expired, remove strongroom.secret-key-fallbacks and restart"));
    }
    return findings;
  }
}
