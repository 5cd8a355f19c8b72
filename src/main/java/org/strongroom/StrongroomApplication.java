package org.strongroom;

import org.springframework.boot.autoconfigure.SpringBootApplication;
import org.springframework.boot.context.properties.ConfigurationPropertiesScan;

/**
 * The Spring application. The process entry point is the command line
 * ({@code org.strongroom.cli.StrongroomCli}): {@code serve} and {@code demo} start this
 * application with a web server, other commands without one.
 */
@SpringBootApplication
@ConfigurationPropertiesScan
public class StrongroomApplication {}
