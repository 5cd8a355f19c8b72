package org.strongroom.search;

import java.util.List;

import org.springframework.http.HttpStatus;
import org.strongroom.core.ApiException;

/**
 * A query the parser refused: 400, with the 1-based character position of the problem in the
 * message and in {@code errors[0].position}.
 */
public class QuerySyntaxError extends ApiException {

  private final int position;

  QuerySyntaxError(String problem, int position) {
    super(HttpStatus.BAD_REQUEST, "Invalid query at position " + position + ": " + problem,
        List.of(new FieldError("q", position, List.of(problem))));
    this.position = position;
  }

  public int position() {
    return position;
  }
}
