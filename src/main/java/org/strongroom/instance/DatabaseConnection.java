package org.strongroom.instance;

import org.springframework.boot.jdbc.autoconfigure.JdbcConnectionDetails;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;

/** The data source's URL and credentials come from {@code strongroom.database.*} alone. */
@Configuration(proxyBeanMethods = false)
class DatabaseConnection {

  @Bean
  JdbcConnectionDetails jdbcConnectionDetails(DatabaseProperties database) {
    if (database.url() == null || database.url().isBlank()) {
      throw new IllegalArgumentException("strongroom.database.url is empty; remove it to use the instance's "
          + "H2 database, or set a JDBC URL such as jdbc:postgresql://db.example.org/strongroom");
    }
    H2Loopback.check(database.url());
    return new JdbcConnectionDetails() {
      @Override
      public String getUsername() {
        return database.username();
      }

      @Override
      public String getPassword() {
        return database.password();
      }

      @Override
      public String getJdbcUrl() {
        return database.url();
      }
    };
  }
}
