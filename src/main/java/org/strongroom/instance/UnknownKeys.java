package org.strongroom.instance;

import java.nio.file.Path;
import java.util.Locale;
import java.util.Set;

import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.OriginLookup;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.env.EnumerablePropertySource;
import org.springframework.core.env.MutablePropertySources;
import org.springframework.core.env.PropertySource;
import org.springframework.core.env.SimpleCommandLinePropertySource;
import org.springframework.core.env.StandardEnvironment;
import org.springframework.core.io.Resource;

/** Refuses a {@code strongroom.*} key or {@code STRONGROOM_*} variable that no setting owns. */
final class UnknownKeys {

  /** Variables of the launcher script and the test run, not settings. */
  static final Set<String> NOT_SETTINGS = Set.of("STRONGROOM_JAVA_OPTS", "STRONGROOM_REQUIRE_SERVICES");

  private final KnownKeys known;

  UnknownKeys(KnownKeys known) {
    this.known = known;
  }

  void check(MutablePropertySources sources) {
    for (PropertySource<?> source : sources) {
      if (!(source instanceof EnumerablePropertySource<?> enumerable)
          || InstanceEnvironmentPostProcessor.DEFAULTS_SOURCE.equals(source.getName())) {
        continue;
      }
      boolean environment = StandardEnvironment.SYSTEM_ENVIRONMENT_PROPERTY_SOURCE_NAME.equals(source.getName());
      for (String name : enumerable.getPropertyNames()) {
        if (environment) {
          checkVariable(name);
        } else if (name.toLowerCase(Locale.ROOT).startsWith(KnownKeys.PREFIX) && !known.isKnown(name)) {
          throw new InvalidConfiguration(where(source, name) + ": unknown key '" + name + "'"
              + known.nearest(name).map(key -> "; did you mean '" + key + "'?").orElse(NO_GUESS));
        }
      }
    }
  }

  private static final String NO_GUESS = "; no setting has that name (see docs/operations/configuration.md)";

  private void checkVariable(String name) {
    if (!name.toUpperCase(Locale.ROOT).startsWith("STRONGROOM_") || NOT_SETTINGS.contains(name)
        || known.isKnownVariable(name)) {
      return;
    }
    throw new InvalidConfiguration("environment variable " + name + ": no setting has that name"
        + known.nearestVariable(name).map(variable -> "; did you mean " + variable + "?").orElse(""));
  }

  private static String where(PropertySource<?> source, String name) {
    Origin origin = OriginLookup.getOrigin(source, name);
    if (origin instanceof TextResourceOrigin text && text.getLocation() != null) {
      return describe(text.getResource()) + " line " + (text.getLocation().getLine() + 1);
    }
    if (source instanceof SimpleCommandLinePropertySource) {
      return "command-line option --" + name;
    }
    if (StandardEnvironment.SYSTEM_PROPERTIES_PROPERTY_SOURCE_NAME.equals(source.getName())) {
      return "system property " + name;
    }
    return source.getName();
  }

  private static String describe(Resource resource) {
    if (resource == null) {
      return "configuration";
    }
    try {
      if (resource.isFile()) {
        return Path.of(resource.getURI()).toString();
      }
    } catch (java.io.IOException | RuntimeException e) {
      // fall back to the resource's own description
    }
    return resource.getDescription();
  }
}
