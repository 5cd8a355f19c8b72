package org.strongroom.instance;

import org.springframework.core.env.Environment;

/**
 * Production mode: {@code STRONGROOM_ENV=production} (the property {@code strongroom.env}),
 * or {@code serve --production}. In production the server refuses to start while the
 * deployment check reports an error.
 */
@org.springframework.modulith.NamedInterface("layout")
public final class ProductionMode {

  public static final String PROPERTY = "strongroom.env";
  public static final String PRODUCTION = "production";

  private ProductionMode() {}

  public static boolean isOn(Environment environment) {
    return PRODUCTION.equalsIgnoreCase(environment.getProperty(PROPERTY, "").strip());
  }
}
