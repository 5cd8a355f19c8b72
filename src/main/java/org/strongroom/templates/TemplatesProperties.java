package org.strongroom.templates;

import java.util.HexFormat;
import java.util.Locale;
import java.util.Map;
import java.util.TreeMap;

import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.boot.context.properties.bind.DefaultValue;

/**
 * {@code strongroom.templates.*}.
 *
 * @param allowUnsafe override file (relative to {@code instance/templates}, e.g.
 *                    {@code records/detail.html}) → hex SHA-256 of the reviewed file that may use
 *                    what the rules refuse; in YAML: {@code "[records/detail.html]": 9c1e…}
 */
@ConfigurationProperties(prefix = "strongroom.templates")
public record TemplatesProperties(@DefaultValue Map<String, String> allowUnsafe) {

  public TemplatesProperties {
    Map<String, String> pins = new TreeMap<>();
    allowUnsafe.forEach((file, hash) -> {
      String hex = hash == null ? "" : hash.strip().toLowerCase(Locale.ROOT);
      if (hex.length() != 64 || !hex.chars().allMatch(c -> HexFormat.isHexDigit(c))) {
        throw new IllegalArgumentException("strongroom.templates.allow-unsafe.[" + file + "] must be the file's "
            + "SHA-256 in hex (64 characters, e.g. from sha256sum), got \"" + hash + "\"");
      }
      pins.put(file, hex);
    });
    allowUnsafe = Map.copyOf(pins);
  }
}
