package org.strongroom.backup;

import java.sql.Connection;
import java.sql.DatabaseMetaData;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.LinkedHashSet;
import java.util.List;
import java.util.Locale;
import java.util.Map;
import java.util.Set;

/**
 * The application's tables as the database describes them (H2 and PostgreSQL alike), in an
 * order where each table comes after those it references. Flyway's history is not data: a
 * restore migrates its empty database to the backup's version instead.
 */
final class DatabaseTables {

  static final String HISTORY = "flyway_schema_history";

  private DatabaseTables() {}

  static String kind(Connection connection) throws SQLException {
    String product = connection.getMetaData().getDatabaseProductName().toLowerCase(Locale.ROOT);
    return product.contains("postgres") ? "postgresql" : product.contains("h2") ? "h2" : product;
  }

  /** Table names, lower case, in insertion order. */
  static List<String> ordered(Connection connection) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    Map<String, Set<String>> references = new LinkedHashMap<>();
    try (ResultSet tables = meta.getTables(connection.getCatalog(), connection.getSchema(), "%", new String[] {"TABLE"})) {
      while (tables.next()) {
        String name = tables.getString("TABLE_NAME");
        if (!name.equalsIgnoreCase(HISTORY)) {
          references.put(name, new LinkedHashSet<>());
        }
      }
    }
    for (Map.Entry<String, Set<String>> table : references.entrySet()) {
      try (ResultSet keys = meta.getImportedKeys(connection.getCatalog(), connection.getSchema(), table.getKey())) {
        while (keys.next()) {
          String referenced = keys.getString("PKTABLE_NAME");
          if (!referenced.equals(table.getKey()) && references.containsKey(referenced)) {
            table.getValue().add(referenced);
          }
        }
      }
    }
    List<String> order = new ArrayList<>();
    Set<String> placed = new LinkedHashSet<>();
    List<String> names = new ArrayList<>(references.keySet());
    names.sort(String.CASE_INSENSITIVE_ORDER);
    while (placed.size() < names.size()) {
      boolean progress = false;
      for (String name : names) {
        if (!placed.contains(name) && placed.containsAll(references.get(name))) {
          placed.add(name);
          order.add(name.toLowerCase(Locale.ROOT));
          progress = true;
        }
      }
      if (!progress) {
        throw new IllegalStateException("the tables reference each other in a cycle: " + references);
      }
    }
    return order;
  }

  static List<BackupManifest.Column> columns(Connection connection, String table) throws SQLException {
    List<BackupManifest.Column> columns = new ArrayList<>();
    try (ResultSet rs = connection.createStatement().executeQuery("select * from " + table + " where 1 = 0")) {
      var meta = rs.getMetaData();
      for (int i = 1; i <= meta.getColumnCount(); i++) {
        columns.add(new BackupManifest.Column(meta.getColumnName(i).toLowerCase(Locale.ROOT), meta.getColumnType(i),
            meta.getColumnTypeName(i).toLowerCase(Locale.ROOT)));
      }
    }
    return columns;
  }

  /** The primary key's columns, for a stable row order; empty when there is none. */
  static List<String> primaryKey(Connection connection, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    Map<Short, String> key = new java.util.TreeMap<>();
    String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
    try (ResultSet rs = meta.getPrimaryKeys(connection.getCatalog(), connection.getSchema(), name)) {
      while (rs.next()) {
        key.put(rs.getShort("KEY_SEQ"), rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
      }
    }
    return new ArrayList<>(key.values());
  }

  /** Columns the database fills from an identity sequence, whose next value a restore moves on. */
  static List<String> identityColumns(Connection connection, String table) throws SQLException {
    DatabaseMetaData meta = connection.getMetaData();
    List<String> identity = new ArrayList<>();
    String name = meta.storesUpperCaseIdentifiers() ? table.toUpperCase(Locale.ROOT) : table;
    try (ResultSet rs = meta.getColumns(connection.getCatalog(), connection.getSchema(), name, "%")) {
      while (rs.next()) {
        if ("YES".equalsIgnoreCase(rs.getString("IS_AUTOINCREMENT"))) {
          identity.add(rs.getString("COLUMN_NAME").toLowerCase(Locale.ROOT));
        }
      }
    }
    return identity;
  }
}
