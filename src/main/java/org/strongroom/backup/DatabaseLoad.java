package org.strongroom.backup;

import java.io.BufferedReader;
import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.sql.Connection;
import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Statement;
import java.util.Collections;
import java.util.HashSet;
import java.util.List;
import java.util.Set;

import javax.sql.DataSource;

import org.strongroom.instance.InvalidConfiguration;
import tools.jackson.databind.JsonNode;

/**
 * Loads a backup's tables into a database just migrated to the backup's schema version, in one
 * transaction: what start-up wrote there is removed, every row is inserted, and the identity
 * sequences move past the highest id. A failure leaves the database as it was.
 */
final class DatabaseLoad {

  private static final int BATCH = 500;

  private DatabaseLoad() {}

  static void load(DataSource dataSource, Path backup, BackupManifest manifest) throws SQLException, IOException {
    try (Connection connection = dataSource.getConnection()) {
      String database = DatabaseTables.kind(connection);
      if (!database.equals(manifest.database())) {
        throw new InvalidConfiguration("the backup holds a " + manifest.database() + " database and the restored "
            + "instance uses " + database + "; set strongroom.database.url in its strongroom.yml to a "
            + manifest.database() + " database");
      }
      List<String> present = DatabaseTables.ordered(connection);
      Set<String> backedUp = new HashSet<>();
      for (BackupManifest.Table table : manifest.tables()) {
        backedUp.add(table.name());
        if (!present.contains(table.name())) {
          throw new IllegalStateException("table " + table.name() + " of the backup is not in the restored database");
        }
      }
      connection.setAutoCommit(false);
      try {
        List<String> reversed = new java.util.ArrayList<>(present);
        Collections.reverse(reversed);
        try (Statement statement = connection.createStatement()) {
          for (String table : reversed) {
            statement.executeUpdate("delete from " + table);
          }
        }
        for (BackupManifest.Table table : manifest.tables()) {
          insert(connection, backup, table);
          for (String column : DatabaseTables.identityColumns(connection, table.name())) {
            restartIdentity(connection, database, table.name(), column);
          }
        }
        connection.commit();
      } catch (SQLException | IOException | RuntimeException e) {
        connection.rollback();
        throw e;
      }
    }
  }

  private static void insert(Connection connection, Path backup, BackupManifest.Table table)
      throws SQLException, IOException {
    List<BackupManifest.Column> columns = table.columns();
    String names = String.join(", ", columns.stream().map(BackupManifest.Column::name).toList());
    String marks = String.join(", ", Collections.nCopies(columns.size(), "?"));
    long rows = 0;
    try (PreparedStatement insert = connection.prepareStatement(
        "insert into " + table.name() + " (" + names + ") values (" + marks + ")");
        BufferedReader in = Files.newBufferedReader(backup.resolve(table.file()), StandardCharsets.UTF_8)) {
      int pending = 0;
      for (String line = in.readLine(); line != null; line = in.readLine()) {
        JsonNode row = BackupCheck.JSON.readTree(line);
        for (int i = 0; i < columns.size(); i++) {
          Values.bind(insert, i + 1, columns.get(i), row.get(i));
        }
        insert.addBatch();
        rows++;
        if (++pending == BATCH) {
          insert.executeBatch();
          pending = 0;
        }
      }
      if (pending > 0) {
        insert.executeBatch();
      }
    }
    if (rows != table.rows()) {
      throw new BackupDamaged(backup.resolve(table.file()), "holds " + rows + " rows, backup.json says " + table.rows());
    }
  }

  private static void restartIdentity(Connection connection, String database, String table, String column)
      throws SQLException {
    long max;
    try (Statement statement = connection.createStatement();
        ResultSet rs = statement.executeQuery("select coalesce(max(" + column + "), 0) from " + table)) {
      rs.next();
      max = rs.getLong(1);
    }
    try (Statement statement = connection.createStatement()) {
      if ("postgresql".equals(database)) {
        statement.execute("select setval(pg_get_serial_sequence('" + table + "', '" + column + "'), "
            + Math.max(max, 1) + ", " + (max > 0) + ")");
      } else {
        statement.execute("alter table " + table + " alter column " + column + " restart with " + (max + 1));
      }
    }
  }
}
