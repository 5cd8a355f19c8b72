package org.strongroom.cluster;

import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.dao.QueryTimeoutException;
import org.springframework.data.redis.RedisConnectionFailureException;
import org.springframework.http.HttpHeaders;
import org.springframework.http.HttpStatus;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.ControllerAdvice;
import org.springframework.web.bind.annotation.ExceptionHandler;
import org.springframework.web.servlet.ModelAndView;

/**
 * A page whose session (or throttle) lives in a Redis that cannot be reached answers 503 with
 * {@code Retry-After}, not 500: the outage is expected to pass. (Before the pages, the session
 * filter's own guard does the same; API controllers answer 503 JSON for any data-access failure.)
 */
@ControllerAdvice(annotations = Controller.class)
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class RedisUnavailablePages {

  static final String MESSAGE = "This service is unavailable for a moment; try again shortly.";

  private final RedisOutageLog outage;

  RedisUnavailablePages(RedisOutageLog outage) {
    this.outage = outage;
  }

  @ExceptionHandler({RedisConnectionFailureException.class, QueryTimeoutException.class})
  ModelAndView unavailable(Exception e, HttpServletResponse response) {
    outage.unreachable(e);
    response.setHeader(HttpHeaders.RETRY_AFTER, "5");
    ModelAndView view = new ModelAndView("error/page");
    view.setStatus(HttpStatus.SERVICE_UNAVAILABLE);
    view.addObject("status", HttpStatus.SERVICE_UNAVAILABLE.value());
    view.addObject("message", MESSAGE);
    return view;
  }
}
