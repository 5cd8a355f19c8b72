package org.strongroom.cli;

import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.Statement;

import org.strongroom.instance.InstanceLayout;
import org.strongroom.support.RequiresPostgres;

/** The same commands beside a server whose database is PostgreSQL. */
@RequiresPostgres
class CommandsBesideServerPostgresIntegrationTests extends CommandsBesideServerContract {

  static final String SCHEMA = "beside_cli";

  @Override
  void useDatabase(InstanceLayout layout) throws Exception {
    try (Connection connection = DriverManager.getConnection(RequiresPostgres.URL_PREFIX + "public", "postgres", "");
        Statement statement = connection.createStatement()) {
      statement.execute("drop schema if exists " + SCHEMA + " cascade");
      statement.execute("create schema " + SCHEMA);
    }
    Files.writeString(layout.config(), """
        strongroom:
          database:
            url: %s
            username: postgres
        """.formatted(RequiresPostgres.URL_PREFIX + SCHEMA), StandardCharsets.UTF_8);
  }
}
