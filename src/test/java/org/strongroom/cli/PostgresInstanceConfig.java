package org.strongroom.cli;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;
import java.sql.Statement;

import org.strongroom.instance.InstanceLayout;
import org.strongroom.support.RequiresPostgres;

/** Points an instance at an empty schema of the machine's PostgreSQL, for the command-line tests. */
final class PostgresInstanceConfig {

  private PostgresInstanceConfig() {}

  static void useFreshSchema(InstanceLayout layout, String schema) throws SQLException, IOException {
    try (Connection connection = DriverManager.getConnection(RequiresPostgres.URL_PREFIX + "public", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("drop schema if exists " + schema + " cascade");
      statement.execute("create schema " + schema);
    }
    Files.writeString(layout.config(), """
        strongroom:
          database:
            url: %s
            username: postgres
        """.formatted(RequiresPostgres.URL_PREFIX + schema), StandardCharsets.UTF_8);
  }
}
