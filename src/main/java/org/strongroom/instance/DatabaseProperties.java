package org.strongroom.instance;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The database, {@code strongroom.database.*}: the only place it is configured (the data source
 * is built from this record, see {@link DatabaseConnection}).
 *
 * @param url      JDBC URL: {@code jdbc:postgresql://host/db}, or by default an H2 file
 *                 database in the instance folder ({@code db/strongroom})
 * @param username the database user
 * @param password the database user's password
 */
@ConfigurationProperties(prefix = "strongroom.database")
@org.springframework.modulith.NamedInterface("layout")
public record DatabaseProperties(String url, @DefaultValue("sa") String username,
    @DefaultValue("") String password) {

  public boolean isH2() {
    return url != null && url.startsWith("jdbc:h2:");
  }

  @Override
  public String toString() {
    return "DatabaseProperties[url=" + url + ", username=" + username + ", password=<hidden>]";
  }
}
