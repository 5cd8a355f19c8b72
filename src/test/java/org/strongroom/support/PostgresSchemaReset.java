package org.strongroom.support;

import org.springframework.boot.flyway.autoconfigure.FlywayMigrationStrategy;
import org.springframework.boot.test.context.TestConfiguration;
import org.springframework.context.annotation.Bean;

/** Starts every PostgreSQL test context on an empty schema: clean, then migrate. */
@TestConfiguration(proxyBeanMethods = false)
public class PostgresSchemaReset {

  @Bean
  FlywayMigrationStrategy cleanThenMigrate() {
    return flyway -> {
      flyway.clean();
      flyway.migrate();
    };
  }
}
