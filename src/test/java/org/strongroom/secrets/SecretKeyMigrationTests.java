package org.strongroom.secrets;

import static org.assertj.core.api.Assertions.assertThat;
import static org.assertj.core.api.Assertions.assertThatThrownBy;

import java.nio.charset.StandardCharsets;
import java.util.List;
import java.util.Map;
import java.util.UUID;

import org.h2.jdbcx.JdbcDataSource;
import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.jdbc.datasource.DataSourceTransactionManager;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Key rotation for sealed secrets, on tables of sealed values made here (TOTP seeds and other
 * features' columns register the same way): a new key without migration cannot read them, the
 * old key as a fallback can, and after {@code migrate-secret-key} no fallback is needed. The
 * migration is all-or-nothing, idempotent, and refuses a wrong old key.
 */
class SecretKeyMigrationTests {

  private static final SealedColumn SEEDS = new SealedColumn("sealed_seeds", "id", "seed", "totp");
  private static final SealedColumn HOOKS = new SealedColumn("sealed_hooks", "hook_id", "secret", "webhook");

  private final String keyA = SecretKeys.generate();
  private final String keyB = SecretKeys.generate();
  private final String keyC = SecretKeys.generate();
  private JdbcDataSource dataSource;
  private JdbcClient jdbc;
  /** Sealed values of the configuration (an S3 secret, client secrets), none unless a test sets some. */
  private List<SealedSettings> settings = List.of();

  @BeforeEach
  void createTables() {
    dataSource = new JdbcDataSource();
    dataSource.setURL("jdbc:h2:mem:" + UUID.randomUUID() + ";DB_CLOSE_DELAY=-1");
    jdbc = JdbcClient.create(dataSource);
    jdbc.sql("create table sealed_seeds (id bigint primary key, seed varchar(500))").update();
    jdbc.sql("create table sealed_hooks (hook_id varchar(20) primary key, secret varchar(500))").update();
  }

  private static SecretBox box(String key, String... fallbacks) {
    return new SecretBox(ring(key, fallbacks));
  }

  private static SecretKeyRing ring(String key, String... fallbacks) {
    return new SecretKeyRing(new SecretsProperties(key, List.of(fallbacks)));
  }

  private SecretKeyMigration migration(SecretBox box) {
    return migration(box, ring(keyB));
  }

  private SecretKeyMigration migration(SecretBox box, SecretKeyRing ring) {
    return new SecretKeyMigration(List.of(SEEDS, HOOKS), settings, box, ring, jdbc,
        new TransactionTemplate(new DataSourceTransactionManager(dataSource)));
  }

  private void sealSeeds(SecretBox box, int from, int count) {
    for (int i = from; i < from + count; i++) {
      jdbc.sql("insert into sealed_seeds (id, seed) values (:id, :seed)").param("id", i)
          .param("seed", box.seal("totp", ("seed-" + i).getBytes(StandardCharsets.UTF_8))).update();
    }
  }

  private Map<Object, Object> snapshot() {
    Map<Object, Object> rows = new java.util.HashMap<>();
    jdbc.sql("select id, seed from sealed_seeds").query((rs, n) -> rows.put("s" + rs.getLong(1), String.valueOf(rs.getString(2)))).list();
    jdbc.sql("select hook_id, secret from sealed_hooks").query((rs, n) -> rows.put("h" + rs.getString(1), rs.getString(2))).list();
    return rows;
  }

  private void assertAllReadable(SecretBox box) {
    jdbc.sql("select id, seed from sealed_seeds where seed is not null").query((rs, n) -> {
      assertThat(new String(box.open("totp", rs.getString(2)), StandardCharsets.UTF_8)).isEqualTo("seed-" + rs.getLong(1));
      return null;
    }).list();
    jdbc.sql("select hook_id, secret from sealed_hooks").query((rs, n) -> {
      assertThat(new String(box.open("webhook", rs.getString(2)), StandardCharsets.UTF_8)).isEqualTo("hook-" + rs.getString(1));
      return null;
    }).list();
  }

  @Test
  void aKeyChangeWithoutMigrationOrFallbackMakesSecretsUnreadable() {
    sealSeeds(box(keyA), 1, 3);
    String sealed = jdbc.sql("select seed from sealed_seeds where id = 1").query(String.class).single();
    assertThatThrownBy(() -> box(keyB).open("totp", sealed)).isInstanceOf(SecretBox.SecretBoxException.class);
    assertThat(new String(box(keyB, keyA).open("totp", sealed), StandardCharsets.UTF_8)).isEqualTo("seed-1");
  }

  @Test
  void migrationMovesEverySecretToTheCurrentKeyAndIsIdempotent() {
    sealSeeds(box(keyA), 1, 3);
    jdbc.sql("insert into sealed_seeds (id, seed) values (99, null)").update();
    jdbc.sql("insert into sealed_hooks (hook_id, secret) values ('h1', :s)")
        .param("s", box(keyA).seal("webhook", "hook-h1".getBytes(StandardCharsets.UTF_8))).update();

    SecretKeyMigration.Result first = migration(box(keyB)).migrate(keyA);
    assertThat(first.reencrypted()).isEqualTo(4);
    assertThat(first.alreadyCurrent()).isZero();
    assertThat(first.columns()).extracting(SecretKeyMigration.ColumnResult::reencrypted).containsExactly(3, 1);
    assertAllReadable(box(keyB));

    Map<Object, Object> after = snapshot();
    SecretKeyMigration.Result second = migration(box(keyB)).migrate(keyA);
    assertThat(second.reencrypted()).isZero();
    assertThat(second.alreadyCurrent()).isEqualTo(4);
    assertThat(snapshot()).isEqualTo(after);
  }

  @Test
  void secretsUnderAFallbackAreMigratedToo() {
    sealSeeds(box(keyA), 1, 2);
    sealSeeds(box(keyC), 10, 2);
    sealSeeds(box(keyB), 20, 1);
    SecretKeyMigration.Result result = migration(box(keyB, keyC)).migrate(keyA);
    assertThat(result.reencrypted()).isEqualTo(4);
    assertThat(result.alreadyCurrent()).isEqualTo(1);
    assertAllReadable(box(keyB));
  }

  @Test
  void aWrongOldKeyIsRefusedAndNothingChanges() {
    sealSeeds(box(keyA), 1, 3);
    Map<Object, Object> before = snapshot();
    assertThatThrownBy(() -> migration(box(keyB)).migrate(keyC))
        .isInstanceOf(SecretKeyMigration.RefusedException.class)
        .hasMessageContaining("decrypts none of the 3")
        .satisfies(e -> assertThat(e.getMessage()).doesNotContain(keyA).doesNotContain(keyB).doesNotContain(keyC));
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void secretsNoKeyCanOpenStopTheWholeMigration() {
    sealSeeds(box(keyA), 1, 2);
    sealSeeds(box(keyC), 10, 1);
    Map<Object, Object> before = snapshot();
    assertThatThrownBy(() -> migration(box(keyB)).migrate(keyA))
        .isInstanceOf(SecretKeyMigration.RefusedException.class).hasMessageContaining("1 secrets could not");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void nothingToMigrateIsNotAnError() {
    sealSeeds(box(keyB), 1, 2);
    SecretKeyMigration.Result result = migration(box(keyB)).migrate(keyC);
    assertThat(result.reencrypted()).isZero();
    assertThat(result.alreadyCurrent()).isEqualTo(2);
    assertThatThrownBy(() -> migration(box(keyB)).migrate(" ")).isInstanceOf(SecretKeyMigration.RefusedException.class);
  }

  @Test
  void aValueSealedForOnePurposeCannotBeOpenedAsAnother() {
    String sealed = box(keyA).seal("totp", "x".getBytes(StandardCharsets.UTF_8));
    assertThatThrownBy(() -> box(keyA).open("webhook", sealed)).isInstanceOf(SecretBox.SecretBoxException.class);
    String tampered = sealed.substring(0, sealed.length() - 2) + (sealed.endsWith("A") ? "BB" : "AA");
    assertThatThrownBy(() -> box(keyA).open("totp", tampered)).isInstanceOf(SecretBox.SecretBoxException.class);
    assertThat(box(keyA).isCurrent(sealed)).isTrue();
    assertThat(box(keyB, keyA).isCurrent(sealed)).isFalse();
    assertThat(box(keyA).isCurrent("not sealed!")).isFalse();
  }

  @Test
  void sealedColumnsAcceptOnlyPlainIdentifiers() {
    for (String bad : List.of("totp; drop table users", "Totp", "t.seed", "", "x y")) {
      assertThatThrownBy(() -> new SealedColumn(bad, "id", "seed", "totp")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new SealedColumn("totp", bad, "seed", "totp")).isInstanceOf(IllegalArgumentException.class);
      assertThatThrownBy(() -> new SealedColumn("totp", "id", bad, "totp")).isInstanceOf(IllegalArgumentException.class);
    }
  }

  @Test
  void fallbacksRemainingAfterAMigrationAreReported() {
    sealSeeds(box(keyA), 1, 2);
    SecretKeyRing rotating = ring(keyB, keyA);
    SecretKeyMigration migration = migration(new SecretBox(rotating), rotating);
    assertThat(migration.notUnderCurrentKey()).isEqualTo(2);
    assertThat(migration.fallbacksRemainAfterMigration()).isFalse();
    migration.migrate(keyA);
    assertThat(migration.notUnderCurrentKey()).isZero();
    assertThat(migration.fallbacksRemainAfterMigration()).isTrue();
    SecretKeyRing done = ring(keyB);
    assertThat(migration(new SecretBox(done), done).fallbacksRemainAfterMigration()).isFalse();
  }

  @Test
  void theKeyRingSaysWhetherFallbacksRemain() {
    assertThat(new SecretKeyRing(new SecretsProperties(keyB, List.of())).hasFallbacks()).isFalse();
    assertThat(new SecretKeyRing(new SecretsProperties(keyB, List.of(""))).hasFallbacks()).isFalse();
    assertThatThrownBy(() -> new SecretKeyRing(new SecretsProperties(keyB, List.of("tooshortkey"))))
        .hasMessageContaining("strongroom.secret-key-fallbacks").hasMessageNotContaining("tooshortkey");
    assertThat(new SecretKeyRing(new SecretsProperties(keyB, List.of(keyA))).hasFallbacks()).isTrue();
  }

  @Test
  void sealedSettingsOfTheConfigurationAreResealedWithTheDatabasesSecrets() {
    sealSeeds(box(keyA), 1, 1);
    String clientSecret = box(keyA).seal("sso-oidc-client-secret", "the client secret".getBytes(StandardCharsets.UTF_8));
    String current = box(keyB).seal("storage-s3", "the s3 secret".getBytes(StandardCharsets.UTF_8));
    settings = List.of(() -> List.of(
        new SealedSetting("strongroom.sso.oidc.corp.client-secret-sealed", "sso-oidc-client-secret", clientSecret),
        new SealedSetting("strongroom.storage.s3.secret-access-key-sealed", "storage-s3", current)));
    SecretKeyMigration migration = migration(box(keyB, keyA));
    assertThat(migration.notUnderCurrentKey()).isEqualTo(2);

    SecretKeyMigration.Result result = migration.migrate(keyA);
    assertThat(result.reencrypted()).isEqualTo(2);
    assertThat(result.alreadyCurrent()).isEqualTo(1);
    assertThat(result.settings()).hasSize(2);
    SecretKeyMigration.SettingResult resealed = result.settings().get(0);
    assertThat(resealed.reencrypted()).isTrue();
    assertThat(new String(box(keyB).open("sso-oidc-client-secret", resealed.resealed()), StandardCharsets.UTF_8))
        .isEqualTo("the client secret");
    assertThat(result.settings().get(1).reencrypted()).isFalse();
  }

  @Test
  void aSealedSettingNoKeyCanOpenStopsTheMigrationAndIsNamed() {
    sealSeeds(box(keyA), 1, 1);
    Map<Object, Object> before = snapshot();
    String unreadable = box(keyC).seal("sso-oidc-client-secret", "x".getBytes(StandardCharsets.UTF_8));
    settings = List.of(() -> List.of(
        new SealedSetting("strongroom.sso.ldap.manager-password-sealed", "sso-oidc-client-secret", unreadable)));
    assertThatThrownBy(() -> migration(box(keyB)).migrate(keyA))
        .isInstanceOf(SecretKeyMigration.RefusedException.class)
        .hasMessageContaining("strongroom.sso.ldap.manager-password-sealed");
    assertThat(snapshot()).isEqualTo(before);
  }

  @Test
  void anOldKeyThatOpensOnlyASealedSettingIsEnough() {
    String sealed = box(keyA).seal("storage-s3", "s3".getBytes(StandardCharsets.UTF_8));
    settings = List.of(() -> List.of(new SealedSetting("strongroom.storage.s3.secret-access-key-sealed", "storage-s3",
        sealed)));
    assertThatThrownBy(() -> migration(box(keyB)).migrate(keyC))
        .isInstanceOf(SecretKeyMigration.RefusedException.class).hasMessageContaining("decrypts none of the 1");
    assertThat(migration(box(keyB)).migrate(keyA).reencrypted()).isEqualTo(1);
  }
}
