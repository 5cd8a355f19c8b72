package org.strongroom.web;

import java.io.IOException;

import jakarta.servlet.FilterChain;
import jakarta.servlet.ServletException;
import jakarta.servlet.http.HttpServletRequest;
import jakarta.servlet.http.HttpServletResponse;
import org.springframework.core.Ordered;
import org.springframework.core.annotation.Order;
import org.springframework.stereotype.Component;
import org.springframework.web.util.ContentCachingResponseWrapper;
import tools.jackson.core.JacksonException;
import tools.jackson.databind.SerializationFeature;
import tools.jackson.databind.json.JsonMapper;
import org.strongroom.core.RequestFilter;

/** {@code ?prettyprint=1} indents any JSON response, errors included. */
@Component
@Order(Ordered.HIGHEST_PRECEDENCE + 100)
class PrettyPrintFilter extends RequestFilter {

  private final JsonMapper indenting = JsonMapper.builder().enable(SerializationFeature.INDENT_OUTPUT).build();

  @Override
  protected boolean shouldNotFilter(HttpServletRequest request) {
    return !"1".equals(queryValue(request));
  }

  @Override
  protected void doFilterInternal(HttpServletRequest request, HttpServletResponse response,
      FilterChain chain) throws ServletException, IOException {
    ContentCachingResponseWrapper wrapper = new ContentCachingResponseWrapper(response);
    try {
      chain.doFilter(request, wrapper);
    } finally {
      String type = wrapper.getContentType();
      byte[] body = wrapper.getContentAsByteArray();
      if (type != null && type.startsWith("application/json") && body.length > 0) {
        try {
          byte[] pretty = indenting.writeValueAsBytes(indenting.readTree(body));
          wrapper.resetBuffer();
          wrapper.getOutputStream().write(pretty);
        } catch (JacksonException notJson) {
          // leave the body as it was
        }
      }
      wrapper.copyBodyToResponse();
    }
  }

  /** Reads the query string directly so that a request body is never consumed to find it. */
  private static String queryValue(HttpServletRequest request) {
    String query = request.getQueryString();
    if (query == null) {
      return null;
    }
    for (String pair : query.split("&")) {
      if (pair.equals("prettyprint=1")) {
        return "1";
      }
    }
    return null;
  }
}
