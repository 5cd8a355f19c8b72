package org.strongroom.web;

import java.io.IOException;

import jakarta.annotation.security.PermitAll;
import jakarta.servlet.DispatcherType;
import jakarta.servlet.RequestDispatcher;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.boot.webmvc.error.ErrorController;
import org.springframework.http.HttpStatus;
import org.springframework.http.MediaType;
import org.springframework.http.ResponseEntity;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.RequestMapping;
import org.springframework.web.servlet.ModelAndView;
import org.strongroom.core.JsonErrors;

/**
 * The container's error path ({@code /error}): errors raised outside a handler (no such
 * path, a filter refusing) get JSON under {@code /api/} and the HTML error page elsewhere.
 */
@Controller
class ErrorPages implements ErrorController {

  @RequestMapping(path = "/error", produces = MediaType.TEXT_HTML_VALUE)
  @PermitAll
  ModelAndView html(HttpServletRequest request, HttpServletResponse response) throws IOException {
    HttpStatus status = status(request);
    if (isApi(request)) {
      JsonErrors.write(response, status.value(), defaultMessage(status));
      return null;
    }
    return page(status, defaultMessage(status));
  }

  @RequestMapping(path = "/error")
  @PermitAll
  ResponseEntity<JsonErrors.Body> json(HttpServletRequest request) {
    HttpStatus status = status(request);
    return ResponseEntity.status(status).contentType(MediaType.APPLICATION_JSON)
        .body(JsonErrors.body(status.value(), defaultMessage(status), java.util.List.of()));
  }

  static ModelAndView page(HttpStatus status, String message) {
    ModelAndView view = new ModelAndView(switch (status) {
      case TOO_MANY_REQUESTS -> "error/429";
      case GONE -> "error/410";
      default -> "error/page";
    });
    view.setStatus(status);
    view.addObject("status", status.value());
    view.addObject("message", message);
    return view;
  }

  private static boolean isApi(HttpServletRequest request) {
    Object uri = request.getDispatcherType() == DispatcherType.ERROR
        ? request.getAttribute(RequestDispatcher.ERROR_REQUEST_URI) : request.getRequestURI();
    return uri instanceof String path && path.startsWith("/api/");
  }

  /**
   * The status of the error being shown. {@code /error} asked for directly (not an error
   * dispatch) is not a page: it answers as any unknown path does.
   */
  private static HttpStatus status(HttpServletRequest request) {
    if (request.getDispatcherType() != DispatcherType.ERROR) {
      return HttpStatus.NOT_FOUND;
    }
    Object code = request.getAttribute(RequestDispatcher.ERROR_STATUS_CODE);
    HttpStatus status = code instanceof Integer value ? HttpStatus.resolve(value) : null;
    return status == null ? HttpStatus.INTERNAL_SERVER_ERROR : status;
  }

  static String defaultMessage(HttpStatus status) {
    return switch (status) {
      case NOT_FOUND -> "Not found";
      case METHOD_NOT_ALLOWED -> "Method not allowed";
      case BAD_REQUEST -> "Bad request";
      case UNAUTHORIZED -> "Authentication required";
      case FORBIDDEN -> "Permission denied";
      case CONTENT_TOO_LARGE -> "Request body too large";
      case TOO_MANY_REQUESTS -> "Too many requests";
      default -> status.is5xxServerError() ? "Internal server error" : status.getReasonPhrase();
    };
  }
}
