package org.strongroom.web;

import org.slf4j.Logger;
import org.slf4j.LoggerFactory;
import org.springframework.beans.TypeMismatchException;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.ErrorResponse;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;
import org.strongroom.core.ApiException;

/** Errors from page handlers become the HTML error page with the right status. */
@ControllerAdvice(annotations = Controller.class)
class PageExceptionHandler {

  private static final Logger log = LoggerFactory.getLogger(PageExceptionHandler.class);

  @ExceptionHandler(ApiException.class)
  ModelAndView api(ApiException e) {
    return ErrorPages.page(e.status(), e.getMessage());
  }

  /** A form value of the wrong type (a revision that is not a number): the client's mistake. */
  @ExceptionHandler(TypeMismatchException.class)
  ModelAndView typeMismatch(TypeMismatchException e) {
    return ErrorPages.page(HttpStatus.BAD_REQUEST, "Invalid value for '" + e.getPropertyName() + "'.");
  }

  @ExceptionHandler(Exception.class)
  ModelAndView unexpected(Exception e) {
    if (ClientGone.check(e)) {
      return null; // nobody to answer
    }
    // Spring's own refusals of a request (a missing form field, an unsupported method or type)
    // keep their 4xx status.
    if (e instanceof ErrorResponse refusal && refusal.getStatusCode().is4xxClientError()) {
      HttpStatus status = java.util.Objects.requireNonNullElse(HttpStatus.resolve(refusal.getStatusCode().value()),
          HttpStatus.BAD_REQUEST);
      return ErrorPages.page(status, status.getReasonPhrase() + ".");
    }
    if (Unavailable.check(e)) {
      log.warn("Answered 503: the database is unreachable ({})", e.toString());
      return ErrorPages.page(HttpStatus.SERVICE_UNAVAILABLE, Unavailable.MESSAGE);
    }
    log.error("Unexpected error", e);
    return ErrorPages.page(HttpStatus.INTERNAL_SERVER_ERROR, "Something went wrong on our side.");
  }
}
