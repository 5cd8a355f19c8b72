package org.strongroom.instance;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.nio.charset.StandardCharsets;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * The {@code strongroom.yml} that {@code setup} writes lists every key there is, and each value
 * it shows commented out is that key's real default, or the comment says it is not one.
 */
class InstanceConfigTemplateTests {

  private static final Pattern ENTRY = Pattern.compile("^#( *)([a-z0-9-]+):(.*)$");

  /** key -> {value, comment} for every commented-out entry under strongroom:. */
  static Map<String, String[]> entries() throws Exception {
    String template;
    try (InputStream in = InstanceConfigTemplateTests.class.getResourceAsStream("/instance/strongroom.yml")) {
      template = new String(in.readAllBytes(), StandardCharsets.UTF_8);
    }
    Map<String, String[]> entries = new LinkedHashMap<>();
    List<String> path = new ArrayList<>();
    for (String line : template.lines().toList()) {
      Matcher entry = ENTRY.matcher(line.strip().startsWith("#") ? line.strip() : "");
      if (!entry.matches()) {
        continue;
      }
      int depth = (entry.group(1).length() - 1) / 2;
      while (path.size() > depth) {
        path.remove(path.size() - 1);
      }
      path.add(entry.group(2));
      String rest = entry.group(3);
      int hash = commentStart(rest);
      String value = (hash < 0 ? rest : rest.substring(0, hash)).strip();
      String comment = hash < 0 ? "" : rest.substring(hash + 1).strip();
      entries.put("strongroom." + String.join(".", path), new String[] {value, comment});
    }
    return entries;
  }

  private static int commentStart(String rest) {
    boolean quoted = false;
    for (int i = 0; i < rest.length(); i++) {
      char c = rest.charAt(i);
      if (c == '"') {
        quoted = !quoted;
      } else if (c == '#' && !quoted && (i == 0 || rest.charAt(i - 1) == ' ')) {
        return i;
      }
    }
    return -1;
  }

  static Map<String, JsonNode> metadata() throws Exception {
    Map<String, JsonNode> properties = new LinkedHashMap<>();
    try (InputStream in = InstanceConfigTemplateTests.class.getResourceAsStream(
        "/META-INF/spring-configuration-metadata.json")) {
      for (JsonNode property : JsonMapper.builder().build().readTree(in).path("properties")) {
        properties.put(property.path("name").asString(), property);
      }
    }
    return properties;
  }

  @Test
  void everyKeyIsListed() throws Exception {
    Map<String, String[]> entries = entries();
    List<String> missing = metadata().keySet().stream()
        .filter(key -> !key.equals("strongroom.instance")) // the folder the file is in
        .filter(key -> !entries.containsKey(key)).toList();
    assertThat(missing).as("keys missing from src/main/resources/instance/strongroom.yml").isEmpty();
    assertThat(entries.keySet()).as("keys in the template that no setting owns")
        .allSatisfy(key -> assertThat(metadata().containsKey(key) || isGroup(key)).as(key).isTrue());
  }

  @Test
  void everyValueShownIsTheDefaultOrSaysItIsNot() throws Exception {
    Map<String, JsonNode> metadata = metadata();
    for (Map.Entry<String, String[]> entry : entries().entrySet()) {
      JsonNode property = metadata.get(entry.getKey());
      if (property == null) {
        continue; // a group such as strongroom.tls
      }
      String value = entry.getValue()[0];
      String comment = entry.getValue()[1];
      boolean saysOtherwise = comment.contains("default:") || comment.contains("by default")
          || comment.startsWith("off") || comment.contains("unset");
      JsonNode defaultValue = property.path("defaultValue");
      if (defaultValue.isMissingNode() || defaultValue.isNull()) {
        assertThat(normalise(value).isEmpty() || saysOtherwise || isInstanceRelativeDefault(entry.getKey()))
            .as(entry.getKey() + " has no fixed default, so the template must show none or say so").isTrue();
      } else if (!saysOtherwise) {
        String expected = normalise(defaultValue);
        if (property.path("type").asString().startsWith("java.util.List") && expected.startsWith("[")) {
          // The processor writes a list default as "[a, b]".
          expected = expected.substring(1, expected.length() - 1);
        }
        assertThat(normalise(value)).as(entry.getKey()).isEqualTo(expected);
      }
    }
  }

  /** Defaults derived from the instance folder, shown relative to it (tls/cert.pem, files, ...). */
  private static boolean isInstanceRelativeDefault(String key) {
    return InstanceEnvironmentPostProcessor.PATH_KEYS.contains(key);
  }

  private static boolean isGroup(String key) {
    try {
      return metadata().keySet().stream().anyMatch(name -> name.startsWith(key + "."));
    } catch (Exception e) {
      throw new IllegalStateException(e);
    }
  }

  private static String normalise(String yaml) {
    String text = yaml.strip();
    if (text.equals("[]") || text.equals("\"\"")) {
      return "";
    }
    List<String> items = new ArrayList<>();
    for (String item : text.split(",")) {
      items.add(item.strip().replaceAll("^\"|\"$", ""));
    }
    return String.join(",", items);
  }

  private static String normalise(JsonNode value) {
    if (value.isArray()) {
      List<String> items = new ArrayList<>();
      value.forEach(item -> items.add(item.asString()));
      return String.join(",", items);
    }
    return value.asString().replace(", ", ",");
  }
}
