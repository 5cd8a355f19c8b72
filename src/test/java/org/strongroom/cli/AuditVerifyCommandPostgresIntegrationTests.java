package org.strongroom.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.strongroom.instance.InstanceLayout;
import org.strongroom.support.RequiresPostgres;

/** {@code audit verify} on an instance configured for PostgreSQL. */
@RequiresPostgres
class AuditVerifyCommandPostgresIntegrationTests extends AuditVerifyCommandContract {

  static final String SCHEMA = "audit_cli";

  @Override
  void useDatabase(InstanceLayout layout) throws Exception {
    PostgresInstanceConfig.useFreshSchema(layout, SCHEMA);
  }

  @Override
  Connection connect(InstanceLayout layout) throws SQLException {
    return DriverManager.getConnection(RequiresPostgres.URL_PREFIX + SCHEMA, "postgres", "");
  }
}
