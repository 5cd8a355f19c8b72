package org.strongroom.plugins;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code strongroom.plugins.*}.
 *
 * @param enabled whether jars in {@code instance/plugins} are loaded at all (default false)
 * @param allow   jar file name → hex SHA-256 of the reviewed jar; in YAML, put each name in
 *                brackets and quotes ({@code "[audit-mirror-1.0.jar]": 3f5a…}) so its dots stay
 */
@ConfigurationProperties(prefix = "strongroom.plugins")
public record PluginsProperties(@DefaultValue("false") boolean enabled, @DefaultValue Map<String, String> allow) {

  public PluginsProperties {
    Map<String, String> pins = new TreeMap<>();
    allow.forEach((file, hash) -> {
      String hex = hash == null ? "" : hash.strip().toLowerCase(Locale.ROOT);
      if (hex.length() != 64 || !hex.chars().allMatch(c -> HexFormat.isHexDigit(c))) {
        throw new IllegalArgumentException("strongroom.plugins.allow.[" + file + "] must be the jar's SHA-256 "
            + "in hex (64 characters, e.g. from sha256sum), got \"" + hash + "\"");
      }
      if (file.contains("/") || file.contains("\\") || !file.endsWith(".jar")) {
        throw new IllegalArgumentException("strongroom.plugins.allow keys are jar file names in instance/plugins "
            + "(e.g. \"[audit-mirror-1.0.jar]\"), got \"" + file + "\"");
      }
      pins.put(file, hex);
    });
    allow = Map.copyOf(pins);
  }
}
