package org.strongroom.core;

import java.io.IOException;
import java.nio.charset.StandardCharsets;
import java.util.LinkedHashMap;
import java.util.List;
import java.util.Map;

import jakarta.servlet.http.HttpServletResponse;
import tools.jackson.databind.json.JsonMapper;

/** Writes the API error body {@code {"message": …, "status": …}} outside Spring MVC (filters). */
public final class JsonErrors {

  private static final JsonMapper MAPPER = JsonMapper.builder().build();

  private JsonErrors() {}

  public static Map<String, Object> body(int status, String message, List<Map<String, Object>> errors) {
    Map<String, Object> body = new LinkedHashMap<>();
    body.put("message", message);
    body.put("status", status);
    if (!errors.isEmpty()) {
      body.put("errors", errors);
    }
    return body;
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
