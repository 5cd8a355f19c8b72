package org.strongroom.backup;

import java.io.BufferedWriter;
import java.io.IOException;
import java.io.OutputStreamWriter;
import java.nio.charset.StandardCharsets;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.ArrayList;
import java.util.List;

import javax.sql.DataSource;

/**
 * Every table written in one read-only transaction that sees a single point in time: REPEATABLE
 * READ on PostgreSQL (a snapshot of the whole database, as pg_dump takes) and SERIALIZABLE on H2
 * (whose MVStore then snapshots every table at the transaction's first statement). Writers go on
 * meanwhile; none of their changes after that point is seen. JDBC rather than pg_dump: no client
 * whose version must match the server's, and one format for H2 and PostgreSQL.
 */
final class DatabaseSnapshot {

  /** A file version the snapshot refers to. */
  record Blob(String name, long size, String sha256, String md5) {}

  record Result(String database, String schemaVersion, List<BackupManifest.Table> tables, List<Blob> blobs,
      long auditEntries, String auditHead) {}

  private DatabaseSnapshot() {}

  static Result write(DataSource dataSource, Path folder) throws SQLException, IOException {
    try (Connection connection = dataSource.getConnection()) {
      String database = DatabaseTables.kind(connection);
      connection.setAutoCommit(false);
      connection.setReadOnly(true);
      connection.setTransactionIsolation("postgresql".equals(database)
          ? Connection.TRANSACTION_REPEATABLE_READ : Connection.TRANSACTION_SERIALIZABLE);
      try {
        List<String> names = DatabaseTables.ordered(connection);
        // The first statement fixes the snapshot; everything below reads that one point in time.
        String schemaVersion = schemaVersion(connection);
        List<BackupManifest.Table> tables = new ArrayList<>();
        for (String name : names) {
          tables.add(table(connection, name, folder));
        }
        List<Blob> blobs = blobs(connection);
        long[] audit = new long[2];
        String head = auditHead(connection, audit);
        if (audit[0] != audit[1]) {
          throw new IllegalStateException("the audit chain head says " + audit[0] + " entries but the snapshot holds "
              + audit[1] + ": the database did not give a consistent snapshot");
        }
        return new Result(database, schemaVersion, tables, blobs, audit[0], head);
      } finally {
        connection.rollback();
      }
    }
  }

  private static String schemaVersion(Connection connection) throws SQLException {
    try (Statement statement = connection.createStatement();
        // Flyway's names are quoted lower case on H2 as on PostgreSQL.
        ResultSet rs = statement.executeQuery("select \"version\" from \"" + DatabaseTables.HISTORY
            + "\" where \"success\" = true and \"version\" is not null order by \"installed_rank\" desc")) {
      if (!rs.next()) {
        throw new IllegalStateException("the database has no migrations applied");
      }
      return rs.getString(1);
    }
  }

  private static BackupManifest.Table table(Connection connection, String name, Path folder)
      throws SQLException, IOException {
    List<BackupManifest.Column> columns = DatabaseTables.columns(connection, name);
    List<String> key = DatabaseTables.primaryKey(connection, name);
    String order = key.isEmpty() ? "" : " order by " + String.join(", ", key);
    long rows = 0;
    BackupManifest.Table table = new BackupManifest.Table(name, columns, 0);
    try (Statement statement = connection.createStatement();
        BufferedWriter out = new BufferedWriter(new OutputStreamWriter(
            BackupFiles.create(folder.resolve(table.file())), StandardCharsets.UTF_8))) {
      statement.setFetchSize(500);
      try (ResultSet rs = statement.executeQuery("select * from " + name + order)) {
        List<Object> row = new ArrayList<>(columns.size());
        while (rs.next()) {
          row.clear();
          for (int i = 0; i < columns.size(); i++) {
            row.add(Values.read(rs, i + 1, columns.get(i)));
          }
          out.write(BackupCheck.JSON.writeValueAsString(row));
          out.write('\n');
          rows++;
        }
      }
    }
    return new BackupManifest.Table(name, columns, rows);
  }

  private static List<Blob> blobs(Connection connection) throws SQLException {
    List<Blob> blobs = new ArrayList<>();
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select blob_name, size, sha256, md5 from files order by blob_name")) {
      while (rs.next()) {
        blobs.add(new Blob(rs.getString(1), rs.getLong(2), rs.getString(3), rs.getString(4)));
      }
    }
    return blobs;
  }

  private static String auditHead(Connection connection, long[] counts) throws SQLException {
    try (Statement statement = connection.createStatement()) {
      String hash;
      try (ResultSet rs = statement.executeQuery("select last_id, last_hash from audit_chain_head where id = 1")) {
        rs.next();
        counts[0] = rs.getLong(1);
        hash = rs.getString(2);
      }
      try (ResultSet rs = statement.executeQuery("select count(*) from audit_log")) {
        rs.next();
        counts[1] = rs.getLong(1);
      }
      return hash;
    }
  }
}
