package org.strongroom.web;

import java.util.List;

import jakarta.servlet.http.HttpServletRequest;
import org.springframework.context.annotation.Configuration;
import org.springframework.http.MediaType;
import org.springframework.web.HttpMediaTypeNotAcceptableException;
import org.springframework.web.accept.ContentNegotiationStrategy;
import org.springframework.web.accept.HeaderContentNegotiationStrategy;
import org.springframework.web.context.request.NativeWebRequest;
import org.springframework.web.servlet.config.annotation.ContentNegotiationConfigurer;
import org.springframework.web.servlet.config.annotation.WebMvcConfigurer;

/**
 * API paths answer in their own format whatever {@code Accept} says: a browser asking for
 * {@code text/html} gets the JSON answer (or the error's JSON message) instead of a 406 that
 * hides it. Pages negotiate from the header as usual.
 */
@Configuration(proxyBeanMethods = false)
class ApiContentNegotiation implements WebMvcConfigurer {

  @Override
  public void configureContentNegotiation(ContentNegotiationConfigurer configurer) {
    configurer.strategies(List.of(new ApiIgnoresAccept(new HeaderContentNegotiationStrategy())));
  }

  private record ApiIgnoresAccept(ContentNegotiationStrategy header) implements ContentNegotiationStrategy {
    @Override
    public List<MediaType> resolveMediaTypes(NativeWebRequest request) throws HttpMediaTypeNotAcceptableException {
      HttpServletRequest servlet = request.getNativeRequest(HttpServletRequest.class);
      if (servlet != null && servlet.getRequestURI().startsWith("/api/")) {
        return MEDIA_TYPE_ALL_LIST;
      }
      return header.resolveMediaTypes(request);
    }
  }
}
