package org.strongroom.core;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.List;
import java.util.Map;

import org.junit.jupiter.api.Test;
import tools.jackson.databind.json.JsonMapper;

/** The error body's bytes, as clients have always received them: the records keep the map's order. */
class JsonErrorsTests {

  static final JsonMapper MAPPER = JsonMapper.builder().build();

  @Test
  void aPlainErrorIsMessageThenStatus() {
    assertThat(MAPPER.writeValueAsString(JsonErrors.body(403, "Cross-origin request refused", List.of())))
        .isEqualTo("{\"message\":\"Cross-origin request refused\",\"status\":403}");
  }

  @Test
  void aValidationErrorListsEachFieldWithItsMessages() {
    ApiException refused = ApiException.invalid(Map.of("metadata.title", List.of("is required")));
    assertThat(MAPPER.writeValueAsString(JsonErrors.body(400, refused.getMessage(), refused.errors())))
        .isEqualTo("{\"message\":\"A validation error occurred.\",\"status\":400,"
            + "\"errors\":[{\"field\":\"metadata.title\",\"messages\":[\"is required\"]}]}");
  }

  @Test
  void aQueryErrorAddsThePositionBetweenFieldAndMessages() {
    ApiException.FieldError error = new ApiException.FieldError("q", 7, List.of("unclosed quote"));
    assertThat(MAPPER.writeValueAsString(error))
        .isEqualTo("{\"field\":\"q\",\"position\":7,\"messages\":[\"unclosed quote\"]}");
  }
}
