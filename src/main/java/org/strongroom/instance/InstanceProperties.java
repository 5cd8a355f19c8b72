package org.strongroom.instance;

import java.nio.file.Path;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * The instance folder and the environment. Both keys sit directly under {@code strongroom.}, so
 * this record is bound at that prefix and holds only them.
 *
 * @param instance the instance folder: its {@code strongroom.yml}, secret key, TLS files, H2
 *                 database, files and logs; relative paths in the configuration are inside it.
 *                 Every command takes it as {@code --instance DIR}
 * @param env      {@code production} refuses to start while {@code instance check --deploy}
 *                 reports an error and makes two-factor login required for superusers
 *                 (as {@code serve --production}); any other value is not production
 */
@org.springframework.modulith.NamedInterface("layout")
@ConfigurationProperties(prefix = "strongroom")
public record InstanceProperties(@DefaultValue(InstanceLayout.DEFAULT_FOLDER) Path instance, String env) {

  public InstanceLayout layout() {
    return new InstanceLayout(instance);
  }
}
