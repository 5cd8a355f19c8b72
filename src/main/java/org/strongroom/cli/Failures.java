package org.strongroom.cli;

import java.nio.file.Path;
import java.time.Duration;
import java.util.Collection;
import java.util.Map;

import org.springframework.boot.context.properties.bind.BindException;
import org.springframework.boot.context.properties.source.ConfigurationProperty;
import org.springframework.boot.origin.Origin;
import org.springframework.boot.origin.PropertySourceOrigin;
import org.springframework.boot.origin.TextResourceOrigin;
import org.springframework.core.io.Resource;
import org.springframework.util.unit.DataSize;
import org.strongroom.instance.InvalidConfiguration;
import org.strongroom.plugins.PluginRefusedException;

/** One readable line for a failure: no stack trace on the command line. */
final class Failures {

  /** Exit code for an operator's configuration mistake (as for a usage error). */
  static final int CONFIGURATION = 2;

  private Failures() {}

  /** Whether the failure is a mistake in the configuration, which the operator fixes. */
  static boolean isConfigurationMistake(Throwable failure) {
    return find(failure, InvalidConfiguration.class) != null || find(failure, BindException.class) != null;
  }

  /**
   * A start refused for what the operator put in place: a configuration mistake, or a plugin jar
   * refused (unpinned, changed, unreadable, throwing at start-up). One line, exit 2.
   */
  static boolean isOperatorMistake(Throwable failure) {
    return isConfigurationMistake(failure) || find(failure, PluginRefusedException.class) != null;
  }

  static String describe(Throwable failure) {
    PluginRefusedException refused = find(failure, PluginRefusedException.class);
    if (refused != null) {
      return firstLine(refused.getMessage());
    }
    InvalidConfiguration invalid = find(failure, InvalidConfiguration.class);
    if (invalid != null) {
      return invalid.getMessage();
    }
    BindException bind = find(failure, BindException.class);
    if (bind != null) {
      return describe(bind);
    }
    String message = deepestMessage(failure);
    if (message != null && message.contains("Database may be already in use")) {
      return "the instance database is in use by another process; an H2 URL set in strongroom.database.url "
          + "needs ;AUTO_SERVER=TRUE (as the default has) to run commands beside a server, or stop the server first";
    }
    if (message == null || message.isBlank()) {
      return failure.getClass().getSimpleName();
    }
    return firstLine(message);
  }

  /** A value that did not bind: where it was written, the key, and what it should look like. */
  private static String describe(BindException bind) {
    ConfigurationProperty property = bind.getProperty();
    String where = property != null ? where(property.getOrigin()) : "";
    String cause = deepestMessage(bind.getCause() != null ? bind.getCause() : bind);
    if (cause != null && cause.startsWith("strongroom.")) {
      // A record's own check, which names the key and the fix.
      return where + firstLine(cause);
    }
    String key = bind.getName().toString();
    if (property == null) {
      return key + ": " + firstLine(String.valueOf(cause));
    }
    return where + key + ": '" + property.getValue() + "' is not " + expected(bind) + explanation(cause);
  }

  private static String explanation(String cause) {
    return cause != null && cause.startsWith("'") ? " (" + firstLine(cause) + ")" : "";
  }

  private static String expected(BindException bind) {
    Class<?> type = bind.getTarget().getType().resolve(Object.class);
    if (type == Integer.class || type == int.class || type == Long.class || type == long.class) {
      return "a whole number";
    }
    if (type == Boolean.class || type == boolean.class) {
      return "true or false";
    }
    if (type == Duration.class) {
      return "a duration such as 30s, 15m or 12h";
    }
    if (type == DataSize.class) {
      return "a size such as 100MiB or 100MB";
    }
    if (type == Path.class) {
      return "a file or folder name";
    }
    if (Collection.class.isAssignableFrom(type)) {
      return "a list (comma-separated, or a YAML list)";
    }
    if (Map.class.isAssignableFrom(type)) {
      return "a set of names and values";
    }
    if (type.isEnum()) {
      return "one of " + java.util.Arrays.stream(type.getEnumConstants())
          .map(value -> value.toString().toLowerCase(java.util.Locale.ROOT).replace('_', '-')).toList();
    }
    return "a valid " + type.getSimpleName();
  }

  /** {@code /srv/instance/strongroom.yml line 7: }, or nothing when the origin is not a file. */
  static String where(Origin origin) {
    while (origin instanceof PropertySourceOrigin wrapped && wrapped.getOrigin() != null) {
      origin = wrapped.getOrigin();
    }
    if (origin instanceof TextResourceOrigin text && text.getLocation() != null) {
      return name(text.getResource()) + " line " + (text.getLocation().getLine() + 1) + ": ";
    }
    return origin != null ? origin + ": " : "";
  }

  private static String name(Resource resource) {
    try {
      if (resource != null && resource.isFile()) {
        return resource.getFile().getPath();
      }
    } catch (java.io.IOException e) {
      // described below
    }
    return resource != null ? resource.getDescription() : "configuration";
  }

  private static <T extends Throwable> T find(Throwable failure, Class<T> type) {
    for (Throwable cause = failure; cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (type.isInstance(cause)) {
        return type.cast(cause);
      }
    }
    return null;
  }

  private static String deepestMessage(Throwable failure) {
    String message = failure.getMessage();
    for (Throwable cause = failure.getCause(); cause != null; cause = cause.getCause() == cause ? null : cause.getCause()) {
      if (cause.getMessage() != null) {
        message = cause.getMessage();
      }
    }
    return message;
  }

  private static String firstLine(String message) {
    int newline = message.indexOf('\n');
    return newline > 0 ? message.substring(0, newline) : message;
  }
}
