package org.strongroom.instance;

import static org.assertj.core.api.Assertions.assertThat;
import static org.mockito.Mockito.mock;
import static org.mockito.Mockito.when;

import org.junit.jupiter.api.Test;
import org.strongroom.secrets.SecretKeyMigration;

/** The deployment warnings of a key rotation: half done (SR-W006), fallbacks left behind (SR-W005). */
class SecretKeyRotationCheckTests {

  private final SecretKeyMigration migration = mock(SecretKeyMigration.class);
  private final SecretKeyRotationCheck check = new SecretKeyRotationCheck(migration);

  @Test
  void fallbacksLeftAfterAMigrationAreAWarning() {
    when(migration.fallbacksRemainAfterMigration()).thenReturn(true);
    assertThat(check.check(true)).singleElement().satisfies(finding -> {
      assertThat(finding.id()).isEqualTo("SR-W005");
      assertThat(finding.severity()).isEqualTo(Finding.Severity.WARNING);
      assertThat(finding.line()).contains("fallbacks remain after a migration").contains("strongroom.secret-key-fallbacks");
    });
  }

  @Test
  void secretsNotYetMigratedAreAWarning() {
    when(migration.notUnderCurrentKey()).thenReturn(3);
    assertThat(check.check(false)).extracting(Finding::id).containsExactly("SR-W006");
  }

  @Test
  void aFinishedRotationIsQuiet() {
    assertThat(check.check(true)).isEmpty();
  }
}
