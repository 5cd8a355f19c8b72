package org.strongroom.instance;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.nio.file.Files;
import java.nio.file.InvalidPathException;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.Collections;
import java.util.HashMap;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import org.springframework.boot.EnvironmentPostProcessor;
import org.springframework.boot.SpringApplication;
import org.springframework.core.Ordered;
import org.springframework.core.env.ConfigurableEnvironment;
import org.springframework.core.env.MapPropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.StandardEnvironment;

/**
 * Makes the instance folder ({@code strongroom.instance}, default {@code ./instance}) part of
 * the configuration: its {@code strongroom.yml} ranks below environment variables and above the
 * built-in defaults; the defaults that depend on the folder (database, TLS files, secret key,
 * storage, audit file, logs) are derived from its path; relative paths are resolved inside it;
 * and a key under {@code strongroom.} that no setting owns is refused, with a "did you mean".
 */
@org.springframework.modulith.NamedInterface("setup")
public class InstanceEnvironmentPostProcessor implements EnvironmentPostProcessor, Ordered {

  static final String CONFIG_SOURCE = "strongroom instance configuration";
  static final String DEFAULTS_SOURCE = "strongroom instance defaults";
  static final String PATHS_SOURCE = "strongroom instance paths";

  /** Path settings that, when relative, are inside the instance folder. */
  static final List<String> PATH_KEYS = List.of("strongroom.tls.certificate", "strongroom.tls.private-key",
      "strongroom.storage.local.path", "strongroom.audit.file", "strongroom.sso.ldap.trusted-certificates");

  @Override
  public int getOrder() {
    // After Spring Boot has loaded application.yml (ConfigDataEnvironmentPostProcessor).
    return Ordered.HIGHEST_PRECEDENCE + 20;
  }

  @Override
  public void postProcessEnvironment(ConfigurableEnvironment environment, SpringApplication application) {
    H2Loopback.apply();
    InstanceLayout layout = new InstanceLayout(instanceFolder(environment));
    MutablePropertySources sources = environment.getPropertySources();
    addInstanceConfig(sources, layout.config());
    sources.addLast(new MapPropertySource(DEFAULTS_SOURCE, defaults(layout)));
    new UnknownKeys(KnownKeys.fromMetadata(classLoader(application))).check(sources);
    resolvePaths(environment, layout);
  }

  private static Path instanceFolder(ConfigurableEnvironment environment) {
    String folder = environment.getProperty("strongroom.instance", InstanceLayout.DEFAULT_FOLDER);
    try {
      return Path.of(folder);
    } catch (InvalidPathException e) {
      throw new InvalidConfiguration("strongroom.instance: '" + folder + "' is not a folder name");
    }
  }

  private static ClassLoader classLoader(SpringApplication application) {
    ClassLoader loader = application != null ? application.getClassLoader() : null;
    return loader != null ? loader : InstanceEnvironmentPostProcessor.class.getClassLoader();
  }

  private static void addInstanceConfig(MutablePropertySources sources, Path config) {
    List<PropertySource<?>> loaded = new ArrayList<>(InstanceConfigFile.load(CONFIG_SOURCE, config));
    String anchor = sources.contains(StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME)
        ? StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME : null;
    Collections.reverse(loaded);
    for (PropertySource<?> source : loaded) {
      if (anchor != null) {
        sources.addAfter(anchor, source);
      } else {
        sources.addLast(source);
      }
    }
  }

  /**
   * A relative path in any source (the file, an environment variable, an option) means the
   * same place whatever folder the server was started from: inside the instance folder.
   */
  private static void resolvePaths(ConfigurableEnvironment environment, InstanceLayout layout) {
    Map<String, Object> resolved = new LinkedHashMap<>();
    for (String key : PATH_KEYS) {
      String value = environment.getProperty(key);
      if (value == null || value.isBlank()) {
        continue;
      }
      Path path;
      try {
        path = Path.of(value.strip());
      } catch (InvalidPathException e) {
        throw new InvalidConfiguration(key + ": '" + value + "' is not a file name");
      }
      if (!path.isAbsolute()) {
        resolved.put(key, layout.root().resolve(path).normalize().toString());
      }
    }
    if (!resolved.isEmpty()) {
      environment.getPropertySources().addFirst(new MapPropertySource(PATHS_SOURCE, resolved));
    }
  }

  private static Map<String, Object> defaults(InstanceLayout layout) {
    Map<String, Object> defaults = new HashMap<>();
    defaults.put("strongroom.instance", layout.root().toString());
    defaults.put("strongroom.database.url", layout.defaultDatabaseUrl());
    defaults.put("strongroom.tls.certificate", layout.tlsCertificate().toString());
    defaults.put("strongroom.tls.private-key", layout.tlsPrivateKey().toString());
    defaults.put("strongroom.storage.local.path", layout.files().toString());
    defaults.put("strongroom.audit.file", layout.logs().resolve("audit.jsonl").toString());
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
      throw new InvalidConfiguration(file + ": cannot read the secret key file (" + e.getClass().getSimpleName()
          + "); it must be readable by the server's user (mode 0600)", e);
    }
  }
}
