package org.strongroom.cli;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.SQLException;

import org.strongroom.instance.InstanceLayout;

/** {@code audit verify} on the instance's embedded H2 database. */
class AuditVerifyCommandIntegrationTests extends AuditVerifyCommandContract {

  @Override
  void useDatabase(InstanceLayout layout) {
    // the default: an H2 file in the instance folder
  }

  @Override
  Connection connect(InstanceLayout layout) throws SQLException {
    return DriverManager.getConnection(layout.defaultDatabaseUrl(), "sa", "");
  }
}
