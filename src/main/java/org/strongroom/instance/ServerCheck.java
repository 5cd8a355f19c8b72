package org.strongroom.instance;

import java.util.ArrayList;
import java.util.List;

import org.springframework.core.env.Environment;
import org.springframework.stereotype.Component;

/** SR-W030 (TLS, and with it HSTS, is on) and SR-W060 (H2 is not the production database). */
@Component
class ServerCheck implements DeployCheck {

  private final Environment environment;
  private final DatabaseProperties database;

  ServerCheck(Environment environment, DatabaseProperties database) {
    this.environment = environment;
    this.database = database;
  }

  @Override
  public List<Finding> check(boolean deploy) {
    List<Finding> findings = new ArrayList<>();
    boolean tlsOff = "false".equalsIgnoreCase(environment.getProperty("server.ssl.enabled", "true"))
        || environment.getProperty("server.ssl.bundle", "").isBlank();
    if (tlsOff) {
      findings.add(Finding.error("SR-W030", "TLS is off (server.ssl), so the server speaks plain HTTP and "
          + "browsers ignore its Strict-Transport-Security header", "remove the server.ssl override; "
          + "Strongroom serves HTTPS only"));
    }
    if (deploy && database.isH2()) {
      findings.add(Finding.warning("SR-W060", "the database is H2, an embedded database meant for demos "
          + "and single-user trials", "set strongroom.database.url to a PostgreSQL database"));
    }
    return findings;
  }
}
