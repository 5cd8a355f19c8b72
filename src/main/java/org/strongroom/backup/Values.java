package org.strongroom.backup;

import java.sql.PreparedStatement;
import java.sql.ResultSet;
import java.sql.SQLException;
import java.sql.Types;
import java.time.LocalDateTime;
import java.time.OffsetDateTime;
import java.util.Base64;

import tools.jackson.databind.JsonNode;

/**
 * Column values in the backup's JSON: numbers (integers, and floating point such as search
 * scores), booleans and text as themselves, timestamps as
 * ISO-8601 (with their offset where the column has one), bytes as base64. A type not listed
 * here stops the backup rather than be written in a form a restore could not read back.
 */
final class Values {

  private Values() {}

  static Object read(ResultSet rs, int index, BackupManifest.Column column) throws SQLException {
    Object value = switch (kind(column)) {
      case INTEGER -> rs.getLong(index);
      // A double holds every float exactly, and the JSON number gives it back exactly.
      case FLOAT -> rs.getDouble(index);
      case BOOLEAN -> rs.getBoolean(index);
      case DECIMAL -> rs.getBigDecimal(index) == null ? null : rs.getBigDecimal(index).toPlainString();
      case TIMESTAMP_OFFSET -> {
        OffsetDateTime time = rs.getObject(index, OffsetDateTime.class);
        yield time == null ? null : time.toString();
      }
      case TIMESTAMP -> {
        LocalDateTime time = rs.getObject(index, LocalDateTime.class);
        yield time == null ? null : time.toString();
      }
      case TEXT, OTHER_TEXT -> rs.getString(index);
      case BYTES -> {
        byte[] bytes = rs.getBytes(index);
        yield bytes == null ? null : Base64.getEncoder().encodeToString(bytes);
      }
    };
    return rs.wasNull() ? null : value;
  }

  static void bind(PreparedStatement statement, int index, BackupManifest.Column column, JsonNode value)
      throws SQLException {
    if (value == null || value.isNull()) {
      statement.setNull(index, column.type());
      return;
    }
    switch (kind(column)) {
      case INTEGER -> statement.setLong(index, value.asLong());
      case FLOAT -> statement.setDouble(index, value.asDouble());
      case BOOLEAN -> statement.setBoolean(index, value.asBoolean());
      case DECIMAL -> statement.setBigDecimal(index, new java.math.BigDecimal(value.asString()));
      case TIMESTAMP_OFFSET -> statement.setObject(index, OffsetDateTime.parse(value.asString()));
      case TIMESTAMP -> statement.setObject(index, LocalDateTime.parse(value.asString()));
      case TEXT -> statement.setString(index, value.asString());
      case OTHER_TEXT -> statement.setObject(index, value.asString(), Types.OTHER);
      case BYTES -> statement.setBytes(index, Base64.getDecoder().decode(value.asString()));
    }
  }

  enum Kind { INTEGER, FLOAT, BOOLEAN, DECIMAL, TIMESTAMP_OFFSET, TIMESTAMP, TEXT, OTHER_TEXT, BYTES }

  static Kind kind(BackupManifest.Column column) {
    String name = column.typeName();
    return switch (column.type()) {
      case Types.BIGINT, Types.INTEGER, Types.SMALLINT, Types.TINYINT -> Kind.INTEGER;
      case Types.REAL, Types.FLOAT, Types.DOUBLE -> Kind.FLOAT;
      case Types.BOOLEAN, Types.BIT -> Kind.BOOLEAN;
      case Types.DECIMAL, Types.NUMERIC -> Kind.DECIMAL;
      case Types.TIMESTAMP_WITH_TIMEZONE -> Kind.TIMESTAMP_OFFSET;
      // PostgreSQL's driver reports timestamptz as TIMESTAMP; its type name tells them apart.
      case Types.TIMESTAMP -> name.contains("tz") || name.contains("time zone") ? Kind.TIMESTAMP_OFFSET : Kind.TIMESTAMP;
      case Types.CHAR, Types.VARCHAR, Types.LONGVARCHAR, Types.CLOB, Types.NCHAR, Types.NVARCHAR,
          Types.LONGNVARCHAR, Types.NCLOB -> Kind.TEXT;
      case Types.BINARY, Types.VARBINARY, Types.LONGVARBINARY, Types.BLOB -> Kind.BYTES;
      // PostgreSQL's tsvector: text in, text out.
      case Types.OTHER -> {
        if (name.equals("tsvector")) {
          yield Kind.OTHER_TEXT;
        }
        throw unknown(column);
      }
      default -> throw unknown(column);
    };
  }

  private static IllegalStateException unknown(BackupManifest.Column column) {
    return new IllegalStateException("column " + column.name() + " has type " + column.typeName()
        + ", which backup does not know how to write");
  }
}
