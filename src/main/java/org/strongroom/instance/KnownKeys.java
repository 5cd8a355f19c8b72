package org.strongroom.instance;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.net.URL;
import java.util.Collections;
import java.util.Comparator;
import java.util.Locale;
import java.util.Optional;
import java.util.Set;
import java.util.TreeSet;

import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * Every {@code strongroom.*} key some {@code @ConfigurationProperties} record binds, read from
 * the metadata the configuration processor writes at build time, so that a typo is refused
 * rather than silently leaving a security setting at its default.
 */
final class KnownKeys {

  static final String PREFIX = "strongroom.";
  private static final String METADATA = "META-INF/spring-configuration-metadata.json";

  private final Set<String> keys;
  /** Keys of map type ({@code strongroom.sso.oidc}): anything below them is a map entry. */
  private final Set<String> open;

  KnownKeys(Set<String> keys, Set<String> open) {
    this.keys = Collections.unmodifiableSet(new TreeSet<>(keys));
    this.open = Collections.unmodifiableSet(new TreeSet<>(open));
  }

  static KnownKeys fromMetadata(ClassLoader loader) {
    Set<String> keys = new TreeSet<>();
    Set<String> open = new TreeSet<>();
    JsonMapper json = JsonMapper.builder().build();
    try {
      for (URL url : Collections.list(loader.getResources(METADATA))) {
        try (InputStream in = url.openStream()) {
          for (JsonNode property : json.readTree(in).path("properties")) {
            String name = property.path("name").asString();
            if (name.startsWith(PREFIX)) {
              keys.add(name);
              if (property.path("type").asString("").startsWith("java.util.Map<")) {
                open.add(name);
              }
            }
          }
        }
      }
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the configuration metadata", e);
    }
    return new KnownKeys(keys, open);
  }

  Set<String> keys() {
    return keys;
  }

  /** Whether a property name (canonical form, list indexes allowed) is bound by some record. */
  boolean isKnown(String name) {
    String plain = canonical(name.replaceAll("\\[[^]]*]", ""));
    if (keys.stream().anyMatch(key -> canonical(key).equals(plain)) || isUnderOpen(plain)) {
      return true;
    }
    int index = name.indexOf('[');
    // A list of objects: strongroom.x[0].y is an element of the list strongroom.x.
    String list = index > 0 ? canonical(name.substring(0, index)) : null;
    return list != null && keys.stream().anyMatch(key -> canonical(key).equals(list));
  }

  /** Relaxed binding's idea of sameness: case, dashes and underscores do not count. */
  static String canonical(String name) {
    return name.toLowerCase(Locale.ROOT).replace("-", "").replace("_", "");
  }

  /** Whether an environment variable (STRONGROOM_TRUSTED_PROXIES, STRONGROOM_ALLOWEDHOSTS_0) names a key. */
  boolean isKnownVariable(String variable) {
    String compact = compactVariable(variable);
    for (String key : keys) {
      String candidate = compact(key);
      if (candidate.equals(compact) || open.contains(key) && compact.startsWith(candidate)) {
        return true;
      }
    }
    return false;
  }

  /** The known key nearest to a mistyped one, if it is near enough to be the one meant. */
  Optional<String> nearest(String name) {
    String plain = name.replaceAll("\\[[^]]*]", "").toLowerCase(Locale.ROOT);
    return keys.stream().min(Comparator.comparingInt(key -> distance(plain, key)))
        .filter(key -> distance(plain, key) <= Math.max(2, suffix(key).length() / 3));
  }

  /** As {@link #nearest}, written as an environment variable. */
  Optional<String> nearestVariable(String variable) {
    String compact = compactVariable(variable);
    return keys.stream().min(Comparator.comparingInt(key -> distance(compact, compact(key))))
        .filter(key -> distance(compact, compact(key)) <= Math.max(2, suffix(key).length() / 3))
        .map(KnownKeys::variable);
  }

  static String variable(String key) {
    return key.toUpperCase(Locale.ROOT).replace('.', '_').replace('-', '_');
  }

  private boolean isUnderOpen(String name) {
    return open.stream().anyMatch(prefix -> name.startsWith(canonical(prefix) + "."));
  }

  private static String suffix(String key) {
    return key.substring(PREFIX.length());
  }

  private static String compact(String key) {
    return key.toUpperCase(Locale.ROOT).replace(".", "").replace("-", "");
  }

  private static String compactVariable(String variable) {
    StringBuilder compact = new StringBuilder();
    for (String part : variable.toUpperCase(Locale.ROOT).split("_")) {
      if (!part.chars().allMatch(Character::isDigit)) {
        compact.append(part);
      }
    }
    return compact.toString();
  }

  static int distance(String a, String b) {
    int[] previous = new int[b.length() + 1];
    int[] current = new int[b.length() + 1];
    for (int j = 0; j <= b.length(); j++) {
      previous[j] = j;
    }
    for (int i = 1; i <= a.length(); i++) {
      current[0] = i;
      for (int j = 1; j <= b.length(); j++) {
        int substitution = previous[j - 1] + (a.charAt(i - 1) == b.charAt(j - 1) ? 0 : 1);
        current[j] = Math.min(substitution, Math.min(previous[j] + 1, current[j - 1] + 1));
      }
      int[] swap = previous;
      previous = current;
      current = swap;
    }
    return previous[b.length()];
  }
}
