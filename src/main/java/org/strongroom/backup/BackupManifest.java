package org.strongroom.backup;

import java.util.List;

/**
 * {@code backup.json}: what a backup holds. Tables are listed in the order a restore inserts
 * them (each after the tables it references).
 *
 * @param format            this layout's version
 * @param created           when the snapshot was taken (ISO-8601)
 * @param strongroomVersion the version that wrote the backup
 * @param database          {@code h2} or {@code postgresql}
 * @param schemaVersion     the last database migration applied
 * @param storage           {@code local} (blobs copied under {@code files/}) or {@code s3}
 *                          (listed in {@code files/index.tsv}, left in the bucket)
 * @param files             how many file versions (blobs) the snapshot refers to
 * @param auditEntries      the audit chain's length in the snapshot
 * @param auditHead         the hash of its last entry
 * @param secretKeyIncluded whether {@code instance/secret.key} is in the backup
 * @param tables            the database tables
 */
public record BackupManifest(int format, String created, String strongroomVersion, String database,
    String schemaVersion, String storage, long files, long auditEntries, String auditHead,
    boolean secretKeyIncluded, List<Table> tables) {

  static final String FILE = "backup.json";
  static final int FORMAT = 1;

  /** A table: its columns and row count; rows are in {@code database/<name>.jsonl}. */
  public record Table(String name, List<Column> columns, long rows) {
    String file() {
      return "database/" + name + ".jsonl";
    }
  }

  /** A column: its name and JDBC type (number and the database's name for it). */
  public record Column(String name, int type, String typeName) {}
}
