package org.strongroom.core;

import java.util.List;
import java.util.Map;

import org.springframework.http.HttpStatus;

/**
 * An error meant for the client: its message is safe to show and becomes the JSON body
 * {@code {"message": …, "status": …}}. Never put secrets, SQL or file paths in it.
 */
public class ApiException extends RuntimeException {

  private final HttpStatus status;
  private final List<Map<String, Object>> errors;

  public ApiException(HttpStatus status, String message) {
    this(status, message, List.of());
  }

  public ApiException(HttpStatus status, String message, List<Map<String, Object>> errors) {
    super(message, null, false, false);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public HttpStatus status() {
    return status;
  }

  public List<Map<String, Object>> errors() {
    return errors;
  }

  public static ApiException notFound(String what) {
    return new ApiException(HttpStatus.NOT_FOUND, what + " not found");
  }

  public static ApiException badRequest(String message) {
    return new ApiException(HttpStatus.BAD_REQUEST, message);
  }

  /**
   * 400 {@code A validation error occurred.}, with {@code errors: [{"field": …, "messages": […]}]}
   * for each field in turn: the one shape of a refused body's details.
   */
  public static ApiException invalid(Map<String, List<String>> messagesByField) {
    List<Map<String, Object>> errors = new java.util.ArrayList<>();
    messagesByField.forEach((field, messages) -> {
      Map<String, Object> error = new java.util.LinkedHashMap<>();
      error.put("field", field);
      error.put("messages", List.copyOf(messages));
      errors.add(error);
    });
    return new ApiException(HttpStatus.BAD_REQUEST, "A validation error occurred.", errors);
  }

  /** {@link #invalid(Map)} for one field. */
  public static ApiException invalid(String field, List<String> messages) {
    return invalid(Map.of(field, messages));
  }
}
