package org.strongroom;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.InputStream;
import java.lang.reflect.RecordComponent;
import java.nio.file.Path;
import java.time.Duration;
import java.util.ArrayList;
import java.util.HashMap;
import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import org.springframework.boot.context.properties.ConfigurationProperties;
import org.springframework.util.ClassUtils;
import org.springframework.util.unit.DataSize;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/**
 * One owner per setting: every strongroom.* key is bound by exactly one record, every key has
 * a description, and a record bound at the bare {@code strongroom} prefix (only for the keys
 * the product contract puts there) holds scalars only, never another feature's subtree.
 */
class ConfigurationOwnershipTests {

  static JsonNode metadata() throws Exception {
    try (InputStream in = ConfigurationOwnershipTests.class.getResourceAsStream(
        "/META-INF/spring-configuration-metadata.json")) {
      return JsonMapper.builder().build().readTree(in);
    }
  }

  @Test
  void everyKeyHasOneOwnerAndADescription() throws Exception {
    Map<String, List<String>> owners = new HashMap<>();
    List<String> undescribed = new ArrayList<>();
    for (JsonNode property : metadata().path("properties")) {
      String name = property.path("name").asString();
      owners.computeIfAbsent(name, key -> new ArrayList<>()).add(property.path("sourceType").asString());
      if (property.path("description").asString("").isBlank()) {
        undescribed.add(name);
      }
    }
    assertThat(owners).allSatisfy((key, types) -> assertThat(types).as(key).hasSize(1));
    assertThat(undescribed).as("keys without a description (javadoc @param on the record)").isEmpty();
  }

  @Test
  void recordsAtTheBarePrefixHoldOnlyTopLevelScalars() throws Exception {
    List<String> nested = new ArrayList<>();
    for (JsonNode group : metadata().path("groups")) {
      Class<?> type = ClassUtils.resolveClassName(group.path("type").asString(), getClass().getClassLoader());
      ConfigurationProperties annotation = type.getAnnotation(ConfigurationProperties.class);
      if (annotation == null || !"strongroom".equals(annotation.prefix())) {
        continue;
      }
      for (RecordComponent component : type.getRecordComponents()) {
        Class<?> componentType = component.getType();
        boolean scalar = componentType.isPrimitive() || componentType.getName().startsWith("java.lang.")
            || componentType == List.class || componentType == Path.class || componentType == DataSize.class
            || componentType == Duration.class;
        if (!scalar) {
          nested.add(type.getSimpleName() + "." + component.getName());
        }
      }
    }
    assertThat(nested).as("subtrees bound at the bare strongroom prefix: give them a prefix of their own").isEmpty();
  }
}
