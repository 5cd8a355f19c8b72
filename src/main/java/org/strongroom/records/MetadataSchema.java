package org.strongroom.records;

import java.io.IOException;
import java.io.InputStream;
import java.io.UncheckedIOException;
import java.nio.file.Files;
import java.nio.file.Path;
import java.util.ArrayList;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import com.networknt.schema.Error;
import com.networknt.schema.Schema;
import com.networknt.schema.SchemaRegistry;
import com.networknt.schema.SpecificationVersion;
import org.springframework.stereotype.Component;
import org.strongroom.core.ApiException;
import org.strongroom.instance.InstanceProperties;
import tools.jackson.databind.JsonNode;

/**
 * Validates record metadata against a JSON Schema: the one shipped in the jar, or
 * {@code <instance>/schemas/record-metadata.json} when the instance provides one.
 */
@Component
class MetadataSchema {

  static final String FILE_NAME = "record-metadata.json";
  private static final int MAX_REPORTED_ERRORS = 20;

  private final Schema schema;

  MetadataSchema(InstanceProperties instance) {
    Path override = instance.layout().schemas().resolve(FILE_NAME);
    SchemaRegistry registry = SchemaRegistry.withDefaultDialect(SpecificationVersion.DRAFT_2020_12);
    try (InputStream in = Files.isRegularFile(override) ? Files.newInputStream(override)
        : MetadataSchema.class.getResourceAsStream("/schemas/" + FILE_NAME)) {
      this.schema = registry.getSchema(in);
    } catch (IOException e) {
      throw new UncheckedIOException("Cannot read the record metadata schema", e);
    }
  }

  void validate(JsonNode metadata) {
    List<Error> errors = schema.validate(metadata);
    if (errors.isEmpty()) {
      return;
    }
    Map<String, List<String>> byField = new LinkedHashMap<>();
    for (Error error : errors.subList(0, Math.min(errors.size(), MAX_REPORTED_ERRORS))) {
      String field = fieldName(error);
      byField.computeIfAbsent(field, f -> new ArrayList<>()).add(message(error));
    }
    throw ApiException.invalid(byField);
  }

  /** A dotted path as Invenio reports it, e.g. {@code metadata.contributors.0.name}. */
  private static String fieldName(Error error) {
    String pointer = error.getInstanceLocation().toString().replaceFirst("^\\$", "");
    StringBuilder field = new StringBuilder("metadata").append(pointer.replace('/', '.'));
    boolean namesAProperty = "required".equals(error.getKeyword())
        || "additionalProperties".equals(error.getKeyword());
    if (namesAProperty && error.getProperty() != null) {
      field.append('.').append(error.getProperty());
    }
    return field.toString().replace("..", ".");
  }

  /** The validator's message without the echoed instance location prefix. */
  private static String message(Error error) {
    String message = error.getMessage();
    int colon = message.indexOf(": ");
    return colon > 0 && message.startsWith("$") ? message.substring(colon + 2) : message;
  }
}
