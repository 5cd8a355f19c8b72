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
}
