package org.strongroom;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;
import org.strongroom.cli.StrongroomCli;

/**
 * The Spring application. The process entry point is the command line: {@code serve} and
 * {@code demo} start this application with a web server, other commands without one.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StrongroomApplication {

  public static void main(String[] args) {
    System.exit(StrongroomCli.run(args));
  }
}
