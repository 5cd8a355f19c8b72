package org.strongroom.instance;

import java.io.IOException;
import java.io.UncheckedIOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.boot.env.YamlPropertySourceLoader;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.FileSystemResource;

/**
 * Makes the instance folder ({@code strongroom.instance}, default {@code ./instance}) part
 * of the configuration: its {@code strongroom.yml} ranks below environment variables and
 * above the built-in defaults, and the defaults that depend on the folder (database, TLS
 * files, secret key, storage, logs) are derived from its path.
 */
public class InstanceEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String CONFIG_SOURCE = "strongroom instance configuration";
  static final String DEFAULTS_SOURCE = "strongroom instance defaults";

  @Override
  public int getOrder() {
    // After Spring Boot has loaded application.yml (ConfigDataEnvironmentPostProcessor).
    return Ordered.HIGHEST_PRECEDENCE + 20;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    InstanceLayout layout = new InstanceLayout(
        Path.of(environment.getProperty("strongroom.instance", InstanceLayout.DEFAULT_FOLDER)));
    MutablePropertySources sources = environment.getPropertySources();
    if (Files.isRegularFile(layout.config())) {
      addInstanceConfig(sources, layout.config());
    }
    sources.addLast(new MapPropertySource(DEFAULTS_SOURCE, defaults(layout)));
  }

  private static void addInstanceConfig(MutablePropertySources sources, Path config) {
    List<PropertySource<?>> loaded;
    try {
      loaded = new YamlPropertySourceLoader().load(CONFIG_SOURCE, new FileSystemResource(config));
    } catch (IOException | RuntimeException e) {
      throw new IllegalStateException("Cannot read " + config + ": " + e.getMessage(), e);
    }
    String anchor = sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
        ? StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME : null;
    List<PropertySource<?>> reversed = new java.util.ArrayList<>(loaded);
    java.util.Collections.reverse(reversed);
    for (PropertySource<?> source : reversed) {
      if (anchor != null) {
        sources.addAfter(anchor, source);
      } else {
        sources.addLast(source);
      }
    }
  }

  private static Map<String, Object> defaults(InstanceLayout layout) {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("strongroom.instance", layout.root().toString());
    defaults.put("strongroom.database.url", layout.defaultDatabaseUrl());
    defaults.put("strongroom.tls.certificate", layout.tlsCertificate().toString());
    defaults.put("strongroom.tls.private-key", layout.tlsPrivateKey().toString());
    defaults.put("strongroom.storage.local.path", layout.files().toString());
    defaults.put("logging.file.name", layout.logs().resolve("strongroom.log").toString());
    if (Files.isRegularFile(layout.secretKey())) {
      defaults.put("strongroom.secret-key", readSecretKey(layout.secretKey()));
    }
    return defaults;
  }

  private static String readSecretKey(Path file) {
    try {
      return Files.readString(file, StandardCharsets.UTF_8).strip();
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the secret key file " + file, e);
    }
  }
}
