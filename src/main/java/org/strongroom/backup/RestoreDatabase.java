package org.strongroom.backup;

import java.sql.Connection;
import java.sql.DriverManager;
import java.sql.ResultSet;
import java.sql.SQLException;

import org.flywaydb.core.Flyway;
import org.strongroom.instance.InvalidConfiguration;

/** The restored instance's database must be empty, or emptied when the restore is forced. */
public final class RestoreDatabase {

  private RestoreDatabase() {}

  /**
   * @param mayClean whether a database that holds tables may be emptied (a forced restore whose
   *                 configuration is the target's own, never the backup's)
   */
  public static void requireEmpty(String url, String username, String password, boolean mayClean)
      throws SQLException {
    boolean empty;
    try (Connection connection = DriverManager.getConnection(url, username, password);
        ResultSet tables = connection.getMetaData().getTables(connection.getCatalog(), connection.getSchema(), "%",
            new String[] {"TABLE"})) {
      empty = !tables.next();
    }
    if (empty) {
      return;
    }
    if (!mayClean) {
      throw new InvalidConfiguration("strongroom.database.url: the restored instance's database already holds "
          + "tables (the backed-up instance's own?); write a strongroom.yml naming an empty database into the "
          + "--instance folder before restoring, or add --force when that file names one to replace");
    }
    Flyway.configure().dataSource(url, username, password).cleanDisabled(false).load().clean();
  }
}
