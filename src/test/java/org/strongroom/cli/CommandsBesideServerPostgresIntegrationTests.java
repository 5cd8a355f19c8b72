package org.strongroom.cli;

import org.strongroom.instance.InstanceLayout;
import org.strongroom.support.RequiresPostgres;

/** The same commands beside a server whose database is PostgreSQL. */
@RequiresPostgres
class CommandsBesideServerPostgresIntegrationTests extends CommandsBesideServerContract {

  static final String SCHEMA = "beside_cli";

  @Override
  void useDatabase(InstanceLayout layout) throws Exception {
    PostgresInstanceConfig.useFreshSchema(layout, SCHEMA);
  }
}
