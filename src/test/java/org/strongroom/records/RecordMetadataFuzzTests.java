package org.strongroom.records;

import static org.assertj.core.api.Assertions.assertThat;

import java.io.ByteArrayInputStream;
import java.nio.file.Path;

import com.code_intelligence.jazzer.junit.FuzzTest;
import org.strongroom.instance.InstanceProperties;
import org.strongroom.core.ApiException;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;
import tools.jackson.databind.node.ObjectNode;

/**
 * A record request body, as {@code POST /api/records/} reads it: JSON parsing, the top-level
 * shape, then the metadata JSON Schema. A refused body is an {@link ApiException} with a 4xx;
 * accepted metadata is stored as text that parses back to the same tree; its Markdown
 * description renders to HTML with nothing a browser would run. Nothing else is thrown.
 */
class RecordMetadataFuzzTests {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();
  private static final RecordJson JSON = new RecordJson(MAPPER);
  private static final MetadataSchema SCHEMA = new MetadataSchema(new InstanceProperties(Path.of("target/no-instance"), null));
  private static final MarkdownRenderer MARKDOWN = new MarkdownRenderer();

  @FuzzTest(maxDuration = "30s")
  void recordBodies(byte[] body) {
    RecordJson.Input input;
    try {
      input = JSON.read(new ByteArrayInputStream(body));
      if (input.metadata() == null || !input.metadata().isObject()) {
        return;  // Records answers 400 "must be an object" before the schema is asked
      }
      SCHEMA.validate(input.metadata());
    } catch (ApiException refused) {
      assertThat(refused.status().is4xxClientError()).as(refused.getMessage()).isTrue();
      assertThat(refused.getMessage()).isNotBlank();
      return;
    }
    ObjectNode metadata = (ObjectNode) input.metadata();
    String stored = JSON.text(metadata);
    JsonNode again = MAPPER.readTree(stored);
    assertThat(again).isEqualTo(metadata);
    assertThat(JSON.text((ObjectNode) again)).isEqualTo(stored);
    assertThat(metadata.path("title").isString()).isTrue();

    String html = MARKDOWN.toSafeHtml(metadata.path("description").asString(""));
    String lower = html.toLowerCase(java.util.Locale.ROOT);
    assertThat(lower).doesNotContain("<script", "<svg", "<iframe", "<object", "<embed", "<style", "<form");
    assertThat(lower).doesNotContainPattern("<[a-z][^>]*\\son[a-z]+\\s*=");
    assertThat(lower).doesNotContainPattern("(href|src)\\s*=\\s*\"?\\s*(javascript|vbscript|data):");
  }
}
