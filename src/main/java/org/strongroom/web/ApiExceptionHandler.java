package org.strongroom.web;

import java.util.List;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.dao.DataAccessException;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.http.converter.HttpMessageNotReadableException;
import org.springframework.security.access.AccessDeniedException;
import org.springframework.security.authorization.AuthorizationDeniedException;
import org.springframework.security.web.firewall.RequestRejectedException;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.HttpMediaTypeNotSupportedException;
import org.springframework.web.HttpRequestMethodNotSupportedException;
import org.springframework.web.bind.MissingRequestHeaderException;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.bind.annotation.RestControllerAdvice;
import org.springframework.web.method.annotation.MethodArgumentTypeMismatchException;
import org.strongroom.core.ApiException;
import org.strongroom.core.Callers;
import org.strongroom.core.JsonErrors;

/**
 * Turns every exception from a REST handler into {@code {"message", "status"}} JSON. Unknown
 * failures are logged with their stack trace and answered with a generic 500: no exception
 * text, SQL or file path ever reaches the client.
 */
@org.springframework.core.annotation.Order(org.springframework.core.Ordered.HIGHEST_PRECEDENCE)
@RestControllerAdvice(annotations = org.springframework.web.bind.annotation.RestController.class)
class ApiExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(ApiExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ResponseEntity<JsonErrors.Body> api(ApiException e) {
    return respond(e.status(), e.getMessage(), e.errors());
  }

  @ExceptionHandler(HttpMessageNotReadableException.class)
  ResponseEntity<JsonErrors.Body> unreadable(HttpMessageNotReadableException e) {
    return respond(HttpStatus.BAD_REQUEST, "Request body is not valid JSON", List.of());
  }

  @ExceptionHandler(MethodArgumentTypeMismatchException.class)
  ResponseEntity<JsonErrors.Body> typeMismatch(MethodArgumentTypeMismatchException e) {
    return respond(HttpStatus.BAD_REQUEST, "Invalid value for parameter '" + e.getName() + "'", List.of());
  }

  /**
   * A header value the firewall refuses (a control character), read only when a handler asks
   * for it (a Range header): the same 400 as the firewall's own refusals.
   */
  @ExceptionHandler(RequestRejectedException.class)
  ResponseEntity<JsonErrors.Body> rejected(RequestRejectedException e) {
    return respond(HttpStatus.BAD_REQUEST, "Bad request", List.of());
  }

  @ExceptionHandler(MissingRequestHeaderException.class)
  ResponseEntity<JsonErrors.Body> missingHeader(MissingRequestHeaderException e) {
    return respond(HttpStatus.BAD_REQUEST, "Missing header " + e.getHeaderName(), List.of());
  }

  @ExceptionHandler(HttpMediaTypeNotSupportedException.class)
  ResponseEntity<JsonErrors.Body> mediaType(HttpMediaTypeNotSupportedException e) {
    return respond(HttpStatus.UNSUPPORTED_MEDIA_TYPE, "Unsupported content type", List.of());
  }

  @ExceptionHandler(HttpMediaTypeNotAcceptableException.class)
  ResponseEntity<JsonErrors.Body> notAcceptable(HttpMediaTypeNotAcceptableException e) {
    return respond(HttpStatus.NOT_ACCEPTABLE, "This resource is only available as application/json", List.of());
  }

  @ExceptionHandler(HttpRequestMethodNotSupportedException.class)
  ResponseEntity<JsonErrors.Body> method(HttpRequestMethodNotSupportedException e) {
    return respond(HttpStatus.METHOD_NOT_ALLOWED, "Method not allowed", List.of());
  }

  @ExceptionHandler({AccessDeniedException.class, AuthorizationDeniedException.class})
  ResponseEntity<JsonErrors.Body> denied(RuntimeException e) {
    return Callers.current().isPresent()
        ? respond(HttpStatus.FORBIDDEN, "Permission denied", List.of())
        : respond(HttpStatus.UNAUTHORIZED, "Authentication required", List.of());
  }

  @ExceptionHandler(DataAccessException.class)
  ResponseEntity<JsonErrors.Body> database(DataAccessException e) {
    if (Unavailable.check(e)) {
      return unavailable(e);
    }
    log.error("Database error", e);
    return respond(HttpStatus.SERVICE_UNAVAILABLE, "The database could not complete the request", List.of());
  }

  /** The database unreachable (also when no transaction could be begun): a one-line warning, 503. */
  private static ResponseEntity<JsonErrors.Body> unavailable(Exception e) {
    log.warn("Answered 503: the database is unreachable ({})", e.toString());
    return ResponseEntity.status(HttpStatus.SERVICE_UNAVAILABLE).contentType(MediaType.APPLICATION_JSON)
        .header("Retry-After", Unavailable.RETRY_AFTER_SECONDS)
        .body(JsonErrors.body(HttpStatus.SERVICE_UNAVAILABLE.value(), Unavailable.MESSAGE, List.of()));
  }

  @ExceptionHandler(Exception.class)
  ResponseEntity<JsonErrors.Body> unexpected(Exception e) {
    if (ClientGone.check(e)) {
      return null; // nobody to answer
    }
    if (Unavailable.check(e)) {
      return unavailable(e);
    }
    log.error("Unexpected error", e);
    return respond(HttpStatus.INTERNAL_SERVER_ERROR, "Internal server error", List.of());
  }

  static ResponseEntity<JsonErrors.Body> respond(HttpStatus status, String message,
      List<ApiException.FieldError> errors) {
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
        .body(JsonErrors.body(status.value(), message, errors));
  }
}
