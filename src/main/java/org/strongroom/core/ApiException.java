package org.strongroom.core;

import java.util.List;
import java.util.Map;

import com.fasterxml.jackson.annotation.JsonInclude;
import com.fasterxml.jackson.annotation.JsonPropertyOrder;
import org.springframework.http.HttpStatus;

/**
 * An error meant for the client: its message is safe to show and becomes the JSON body
 * {@code {"message": …, "status": …}}. Never put secrets, SQL or file paths in it.
 */
public class ApiException extends RuntimeException {

  /**
   * One refused field of a request, an element of the body's {@code errors}:
   * {@code {"field": …, "messages": […]}}, with the 1-based {@code position} of the problem
   * between them where it has one (a search query's syntax error).
   */
  @JsonPropertyOrder({"field", "position", "messages"})
  @JsonInclude(JsonInclude.Include.NON_NULL)
  public record FieldError(String field, Integer position, List<String> messages) {

    public FieldError {
      messages = List.copyOf(messages);
    }

    public FieldError(String field, List<String> messages) {
      this(field, null, messages);
    }
  }

  private final HttpStatus status;
  private final List<FieldError> errors;

  public ApiException(HttpStatus status, String message) {
    this(status, message, List.of());
  }

  public ApiException(HttpStatus status, String message, List<FieldError> errors) {
    super(message, null, false, false);
    this.status = status;
    this.errors = List.copyOf(errors);
  }

  public HttpStatus status() {
    return status;
  }

  public List<FieldError> errors() {
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
    List<FieldError> errors = new java.util.ArrayList<>();
    messagesByField.forEach((field, messages) -> errors.add(new FieldError(field, messages)));
    return new ApiException(HttpStatus.BAD_REQUEST, "A validation error occurred.", errors);
  }

  /** {@link #invalid(Map)} for one field. */
  public static ApiException invalid(String field, List<String> messages) {
    return invalid(Map.of(field, messages));
  }
}
