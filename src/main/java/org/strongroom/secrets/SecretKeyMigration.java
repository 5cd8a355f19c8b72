package org.strongroom.secrets;

import java.util.ArrayList;
import java.util.List;
import java.util.Optional;

import org.springframework.jdbc.core.simple.JdbcClient;
import org.springframework.stereotype.Service;
import org.springframework.transaction.support.TransactionTemplate;

/**
 * Re-encrypts every value in every {@link SealedColumn} under the current secret key, in one
 * transaction, and re-seals every {@link SealedSetting} of the configuration (returned for the
 * caller to write back: it is not in the database). A value is opened with the old key given, or with a configured fallback; values
 * already under the current key are left alone, so running it twice changes nothing the second
 * time. It refuses, changing nothing, when there are values to migrate and the old key opens
 * none of them (most likely the wrong key), or when some value cannot be opened by any key.
 */
@org.springframework.modulith.NamedInterface("key-management")
@Service
public class SecretKeyMigration {

  /** What one column held before the migration. */
  public record ColumnResult(SealedColumn column, int reencrypted, int alreadyCurrent) {}

  /**
   * A sealed value of the configuration: re-sealed ({@code resealed} is the value to put in
   * its place), or already under the current key ({@code resealed} null). The database cannot
   * hold it, so the caller writes it where it is configured.
   */
  public record SettingResult(SealedSetting setting, String resealed) {
    public boolean reencrypted() {
      return resealed != null;
    }
  }

  /** The outcome, per column and per sealed setting. */
  public record Result(List<ColumnResult> columns, List<SettingResult> settings) {
    public int reencrypted() {
      return columns.stream().mapToInt(ColumnResult::reencrypted).sum()
          + (int) settings.stream().filter(SettingResult::reencrypted).count();
    }

    public int alreadyCurrent() {
      return columns.stream().mapToInt(ColumnResult::alreadyCurrent).sum()
          + (int) settings.stream().filter(s -> !s.reencrypted()).count();
    }
  }

  /** The migration was refused and rolled back; the message says why and never holds a key. */
  @org.springframework.modulith.NamedInterface("key-management")
  public static class RefusedException extends RuntimeException {
    RefusedException(String message) {
      super(message, null, false, false);
    }
  }

  private record Sealed(Object id, String value) {}

  private final List<SealedColumn> columns;
  private final List<SealedSettings> settings;
  private final SecretBox box;
  private final SecretKeyRing keys;
  private final JdbcClient jdbc;
  private final TransactionTemplate transactions;

  SecretKeyMigration(List<SealedColumn> columns, List<SealedSettings> settings, SecretBox box, SecretKeyRing keys,
      JdbcClient jdbc, TransactionTemplate transactions) {
    this.columns = List.copyOf(columns);
    this.settings = List.copyOf(settings);
    this.box = box;
    this.keys = keys;
    this.jdbc = jdbc;
    this.transactions = transactions;
  }

  public List<SealedColumn> columns() {
    return columns;
  }

  /** How many sealed values are not yet under the current key (0 once a migration has run). */
  public int notUnderCurrentKey() {
    return columns.stream().mapToInt(column -> (int) read(column).stream()
        .filter(sealed -> !box.isCurrent(sealed.value())).count()).sum()
        + (int) settings().stream().filter(setting -> !box.isCurrent(setting.value())).count();
  }

  /** The sealed values of the configuration, every feature's. */
  public List<SealedSetting> settings() {
    return settings.stream().flatMap(feature -> feature.sealedSettings().stream())
        .filter(setting -> setting.value() != null && !setting.value().isBlank()).toList();
  }

  /**
   * The deployment check "fallbacks remain after a migration": every sealed secret is under
   * the current key, yet old keys are still accepted (for sessions and signed URLs they keep
   * alive, and for anyone who holds an old key). Remove them once those have expired.
   */
  public boolean fallbacksRemainAfterMigration() {
    return keys.hasFallbacks() && notUnderCurrentKey() == 0;
  }

  public Result migrate(String oldKey) {
    if (oldKey == null || oldKey.isBlank()) {
      throw new RefusedException("--old-key is empty");
    }
    byte[] old = SecretKeys.decode(oldKey);
    return transactions.execute(status -> migrate(old));
  }

  /**
   * Re-encrypts under the current key what a configured fallback key opens, for a restore that
   * was given the backed-up instance's fallbacks and leaves the restored one without them.
   */
  public Result migrateFromFallbacks() {
    return transactions.execute(status -> migrate((byte[]) null));
  }

  /** With {@code oldKey} null, only the configured keys (current and fallbacks) open values. */
  private Result migrate(byte[] oldKey) {
    List<ColumnResult> results = new ArrayList<>();
    int toMigrate = 0;
    int openedWithOldKey = 0;
    int unreadable = 0;
    for (SealedColumn column : columns) {
      int reencrypted = 0;
      int current = 0;
      for (Sealed sealed : read(column)) {
        if (box.isCurrent(sealed.value())) {
          current++;
          continue;
        }
        toMigrate++;
        Optional<byte[]> plain = openWithOld(oldKey, column.purpose(), sealed.value());
        if (plain.isPresent()) {
          openedWithOldKey++;
        } else {
          plain = openWithConfiguredKeys(column.purpose(), sealed.value());
        }
        if (plain.isEmpty()) {
          unreadable++;
          continue;
        }
        jdbc.sql("update " + column.table() + " set " + column.column() + " = :value where "
                + column.idColumn() + " = :id")
            .param("value", box.seal(column.purpose(), plain.get())).param("id", sealed.id()).update();
        reencrypted++;
      }
      results.add(new ColumnResult(column, reencrypted, current));
    }
    List<SettingResult> settingResults = new ArrayList<>();
    List<String> unreadableSettings = new ArrayList<>();
    for (SealedSetting setting : settings()) {
      if (box.isCurrent(setting.value())) {
        settingResults.add(new SettingResult(setting, null));
        continue;
      }
      toMigrate++;
      Optional<byte[]> plain = openWithOld(oldKey, setting.purpose(), setting.value());
      if (plain.isPresent()) {
        openedWithOldKey++;
      } else {
        plain = openWithConfiguredKeys(setting.purpose(), setting.value());
      }
      if (plain.isEmpty()) {
        unreadable++;
        unreadableSettings.add(setting.key());
        continue;
      }
      settingResults.add(new SettingResult(setting, box.seal(setting.purpose(), plain.get())));
    }
    if (oldKey != null && toMigrate > 0 && openedWithOldKey == 0) {
      throw new RefusedException("The old key decrypts none of the " + toMigrate
          + " secrets that are not under the current key; nothing was changed. Check --old-key.");
    }
    if (unreadable > 0) {
      throw new RefusedException(unreadable + " secrets could not be decrypted with the old key, the "
          + "current key or a fallback" + (unreadableSettings.isEmpty() ? "" : " (among them "
          + String.join(", ", unreadableSettings) + ")") + "; nothing was changed. Add the key they were made "
          + "with to strongroom.secret-key-fallbacks and run the migration again.");
    }
    return new Result(List.copyOf(results), List.copyOf(settingResults));
  }

  private List<Sealed> read(SealedColumn column) {
    return jdbc.sql("select " + column.idColumn() + " as id, " + column.column() + " as v from "
            + column.table() + " where " + column.column() + " is not null")
        .query((rs, row) -> new Sealed(rs.getObject("id"), rs.getString("v"))).list();
  }

  private Optional<byte[]> openWithOld(byte[] oldKey, String purpose, String sealed) {
    if (oldKey == null) {
      return Optional.empty();
    }
    try {
      return box.openWithSecretKey(oldKey, purpose, sealed);
    } catch (SecretBox.SecretBoxException e) {
      return Optional.empty();
    }
  }

  private Optional<byte[]> openWithConfiguredKeys(String purpose, String sealed) {
    try {
      return Optional.of(box.open(purpose, sealed));
    } catch (SecretBox.SecretBoxException e) {
      return Optional.empty();
    }
  }
}
