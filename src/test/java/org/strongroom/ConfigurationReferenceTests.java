package org.strongroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.IOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.LinkedHashMap;
import java.util.Map;
import java.util.TreeMap;
import java.util.regex.Matcher;
import java.util.regex.Pattern;

import org.junit.jupiter.api.Test;
import org.strongroom.support.GeneratedDocument;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * docs/operations/configuration-reference.md lists every {@code strongroom.*} key as the
 * configuration processor found it at compile time (META-INF/spring-configuration-metadata.json):
 * its type, its default and its description (the Javadoc of the field or record component).
 * Fails when the committed copy is stale; {@code -Dstrongroom.docs.write=true} rewrites it.
 */
class ConfigurationReferenceTests {

  static final Path DOCUMENT = Path.of("docs/operations/configuration-reference.md");
  static final Path METADATA = Path.of("target/classes/META-INF/spring-configuration-metadata.json");

  private static final Pattern INLINE_TAG = Pattern.compile("\\{@(?:code|link|linkplain|literal) ([^}]*)}");
  private static final Pattern QUALIFIED = Pattern.compile("\\b(?:[a-z][a-z0-9_]*\\.)+([A-Z][A-Za-z0-9_]*)");

  @Test
  void theCommittedReferenceIsWhatTheCodeDeclares() throws IOException {
    GeneratedDocument.writeOrCompare(DOCUMENT, reference(metadata()));
  }

  @Test
  void everyBoundKeyIsListedWithItsTypeAndDefault() throws IOException {
    String reference = reference(metadata());
    assertThat(reference).contains("| `strongroom.rate-limits.anonymous` | `String` | `60/1m,1000/1h` |",
        "| `strongroom.files.signed-url-lifetime` | `Duration` | `60s` |");
    assertThat(reference).doesNotContain("{@code", "java.lang.", "| `spring.");
  }

  static JsonNode metadata() throws IOException {
    assertThat(METADATA).as("written by spring-boot-configuration-processor when the main code compiles").exists();
    return JsonMapper.builder().build().readTree(Files.readString(METADATA));
  }

  static String reference(JsonNode metadata) {
    Map<String, Map<String, String>> keys = new TreeMap<>();
    for (JsonNode property : metadata.path("properties")) {
      String name = property.path("name").asString();
      if (!name.startsWith("strongroom.")) {
        continue;
      }
      // A key bound by two classes appears twice: keep what either says.
      Map<String, String> key = keys.computeIfAbsent(name, n -> new LinkedHashMap<>());
      key.putIfAbsent("type", "");
      key.merge("type", type(property.path("type").asString("")), ConfigurationReferenceTests::either);
      key.merge("default", defaultOf(property.get("defaultValue")), ConfigurationReferenceTests::either);
      key.merge("description", description(property.path("description").asString("")), ConfigurationReferenceTests::either);
    }
    StringBuilder out = new StringBuilder("# Configuration reference\n\n")
        .append(GeneratedDocument.header("the configuration processor's metadata by ConfigurationReferenceTests"))
        .append("\nEvery `strongroom.*` key that a `@ConfigurationProperties` class binds, with its type, the default ")
        .append("its class declares, and the Javadoc of its field. A blank default is either unset or computed at ")
        .append("start-up. How to set them, the instance folder, and the keys by feature: ")
        .append("[configuration.md](configuration.md).\n\n")
        .append("| Key | Type | Default | Description |\n|---|---|---|---|\n");
    keys.forEach((name, key) -> out.append("| `").append(name).append("` | ").append(code(key.get("type")))
        .append(" | ").append(code(key.get("default"))).append(" | ").append(key.get("description")).append(" |\n"));
    return out.toString();
  }

  private static String either(String first, String second) {
    return first.isEmpty() ? second : first;
  }

  private static String type(String javaType) {
    return QUALIFIED.matcher(javaType.replace('$', '.')).replaceAll("$1");
  }

  private static String defaultOf(JsonNode value) {
    if (value == null || value.isNull()) {
      return "";
    }
    if (value.isArray()) {
      StringBuilder list = new StringBuilder();
      value.forEach(item -> list.append(list.isEmpty() ? "" : ", ").append(item.asString()));
      return list.toString();
    }
    return value.asString();
  }

  private static String description(String javadoc) {
    Matcher tags = INLINE_TAG.matcher(javadoc.replaceAll("\\s+", " ").strip());
    String text = tags.replaceAll(match -> Matcher.quoteReplacement("`" + match.group(1) + "`"));
    return text.replace("|", "\\|");
  }

  private static String code(String text) {
    return text.isEmpty() ? "" : "`" + text + "`";
  }
}
