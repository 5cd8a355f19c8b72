package org.strongroom.support;

import static org.assertj.core.api.Assertions.assertThat;

import java.nio.charset.StandardCharsets;

import org.springframework.mock.web.MockHttpServletResponse;
import tools.jackson.databind.JsonNode;
import tools.jackson.databind.json.JsonMapper;

/** Checks on error answers seen through MockMvc. */
public final class ErrorBodies {

  private static final JsonMapper JSON = JsonMapper.builder().build();

  private ErrorBodies() {}

  /**
   * A refusal written by the application is the JSON body {@code {"message", "status"}} with the
   * response's status. One sent with {@code sendError} has no body under MockMvc (the container's
   * error valve, which writes the same JSON over HTTPS, is not in the picture): then the status
   * alone is checked by the caller.
   */
  public static void assertJsonError(MockHttpServletResponse response) throws java.io.UnsupportedEncodingException {
    String body = response.getContentAsString(StandardCharsets.UTF_8);
    if (body.isEmpty()) {
      return;
    }
    JsonNode error = JSON.readTree(body);
    assertThat(error.path("status").asInt()).as(body).isEqualTo(response.getStatus());
    assertThat(error.path("message").asString()).as(body).isNotBlank();
  }
}
