package org.strongroom.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.List;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/**
 * The API error body {@code {"message": …, "status": …}} ({@link Body}, which the MVC handlers
 * return too), and writing it outside Spring MVC (filters).
 */
public final class JsonErrors {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  /** The API error body: {@code "errors"} only when there are any (a validation error). */
  @JsonPropertyOrder({"message", "status", "errors"})
  public record Body(String message, int status,
      @JsonInclude(JsonInclude.Include.NON_EMPTY) List<ApiException.FieldError> errors) {

    public Body {
      errors = List.copyOf(errors);
    }
  }

  private JsonErrors() {}

  public static Body body(int status, String message, List<ApiException.FieldError> errors) {
    return new Body(message, status, errors);
  }

  public static void write(HttpServletResponse response, int status, String message) throws IOException {
    if (response.isCommitted()) {
      return;
    }
    response.resetBuffer();
    response.setStatus(status);
    response.setContentType("application/json");
    response.setCharacterEncoding(StandardCharsets.UTF_8.name());
    byte[] json = MAPPER.writeValueAsBytes(body(status, message, List.of()));
    try {
      response.getOutputStream().write(json);
    } catch (IllegalStateException writerTaken) {
      // A page had begun to render (into the buffer just reset) when it failed.
      response.getWriter().write(new String(json, StandardCharsets.UTF_8));
    }
    response.flushBuffer();
  }
}
