package org.strongroom.web;

import jakarta.servlet.http.HttpServletRequest;

import java.lang.reflect.Method;
import java.util.EnumSet;
import java.util.Map;
import java.util.Set;
import java.util.concurrent.ConcurrentHashMap;

import org.springframework.boot.webmvc.autoconfigure.WebMvcRegistrations;
import org.springframework.context.annotation.Bean;
import org.springframework.context.annotation.Configuration;
import org.springframework.util.StringUtils;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;

/**
 * Spring MVC's mapping of requests to controller methods, with a cheap look at the path and
 * method first. A path with a variable in it ({@code /api/records/{id}}) has no direct match,
 * so MVC checks every mapping, each through its method, headers, consumes and produces
 * conditions (each a few calls down the request wrappers) and its path last, on every request
 * (docs/development/performance.md). Here a mapping is passed over at once when none
 * of its patterns both has a literal beginning ({@code /api/records/} for
 * {@code /api/records/{id}}) that starts the path and as many {@code /} as the path (unless it
 * has a {@code **} or {@code {*…}}, which span segments), or when it names methods and not the
 * request's; any other is checked by MVC in full. A pattern only matches a path that starts with
 * its literal beginning, each of its variables and {@code *} matches within one segment, and
 * MVC's method condition only lets through the methods it names (and HEAD and OPTIONS, left to
 * MVC here), so what matches is what MVC alone would match: PathFirstHandlerMappingIntegrationTests
 * compares the two on every mapping. Paths with percent-encoded characters, where the path's
 * text is not what the patterns see, get MVC's own lookup only, and so does every path when the
 * patterns are made case-insensitive.
 */
final class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

  /** The request being mapped, or null when it must get MVC's own lookup only. */
  private static final ThreadLocal<Lookup> LOOKUP = new ThreadLocal<>();

  private final Map<RequestMappingInfo, Quick> quickChecks = new ConcurrentHashMap<>();

  /**
   * Literal beginnings and counts of {@code /} only hold for case-sensitive patterns of paths
   * split at {@code /} (Spring's default for requests).
   */
  private boolean shapesHold;

  @Override
  protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
    super.registerHandlerMethod(handler, method, mapping);
    quickChecks.put(mapping, Quick.of(mapping));
  }

  @Override
  public void afterPropertiesSet() {
    PathPatternParser parser = getPatternParser();
    shapesHold = parser != null && parser.isCaseSensitive()
        && parser.getPathOptions().separator() == '/';
    super.afterPropertiesSet();
  }

  @Override
  protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
    Lookup outer = LOOKUP.get();
    boolean plainPath = shapesHold && lookupPath.indexOf('%') < 0;
    LOOKUP.set(plainPath
        ? new Lookup(lookupPath, separators(lookupPath), RequestMethod.resolve(request.getMethod()))
        : null);
    try {
      return super.lookupHandlerMethod(lookupPath, request);
    } finally {
      if (outer == null) {
        LOOKUP.remove();
      } else {
        LOOKUP.set(outer);
      }
    }
  }

  @Override
  protected RequestMappingInfo getMatchingMapping(RequestMappingInfo info, HttpServletRequest request) {
    Lookup lookup = LOOKUP.get();
    Quick quick = lookup == null ? null : quickChecks.get(info);
    if (quick != null && quick.rulesOut(lookup)) {
      return null;
    }
    return super.getMatchingMapping(info, request);
  }

  private record Lookup(String path, int separators, RequestMethod method) {
  }

  private static int separators(String path) {
    return StringUtils.countOccurrencesOf(path, "/");
  }

  /**
   * What rules a mapping out before MVC looks: none of its patterns could match the path (see
   * {@link Shape}), or it names methods and not the request's. HEAD (answered by GET mappings)
   * and OPTIONS (answered for every mapping, CORS pre-flights included) are left to MVC.
   */
  private record Quick(Shape[] shapes, Set<RequestMethod> methods) {

    static Quick of(RequestMappingInfo info) {
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      return new Quick(shapes(info), methods.isEmpty() ? Set.of() : EnumSet.copyOf(methods));
    }

    boolean rulesOut(Lookup lookup) {
      return !anyMayMatch(lookup, shapes) || !allowsMethod(lookup.method());
    }

    private boolean allowsMethod(RequestMethod method) {
      return methods.isEmpty() || method == null || method == RequestMethod.HEAD
          || method == RequestMethod.OPTIONS || methods.contains(method);
    }

    private static boolean anyMayMatch(Lookup lookup, Shape[] shapes) {
      for (Shape shape : shapes) {
        if (shape.mayMatch(lookup)) {
          return true;
        }
      }
      return false;
    }

    /** One shape per pattern; a mapping without patterns has one that every path may match. */
    private static Shape[] shapes(RequestMappingInfo info) {
      PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
      if (patterns == null) {
        return new Shape[] {new Shape("", Shape.ANY_SEPARATORS)};
      }
      return patterns.getPatterns().stream().map(PathPattern::getPatternString).map(Shape::of)
          .toArray(Shape[]::new);
    }
  }

  /**
   * What a pattern asks of a path's text: its literal beginning, up to its first variable or
   * wildcard, and its number of {@code /}, or any number when a {@code **} or {@code {*…}} in it
   * spans segments.
   */
  private record Shape(String beginning, int separators) {

    static final int ANY_SEPARATORS = -1;

    static Shape of(String pattern) {
      int end = 0;
      while (end < pattern.length() && "{*?".indexOf(pattern.charAt(end)) < 0) {
        end++;
      }
      boolean spansSegments = pattern.contains("**") || pattern.contains("{*");
      if (end > 0 && (pattern.startsWith("**", end) || pattern.startsWith("{*", end))) {
        end--; // "/static/**" and "/docs/{*rest}" also match "/static" and "/docs"
      }
      return new Shape(pattern.substring(0, end),
          spansSegments ? ANY_SEPARATORS : PathFirstHandlerMapping.separators(pattern));
    }

    boolean mayMatch(Lookup lookup) {
      return (separators == ANY_SEPARATORS || separators == lookup.separators())
          && lookup.path().startsWith(beginning);
    }
  }

  @Configuration(proxyBeanMethods = false)
  static class Registration {

    @Bean
    WebMvcRegistrations pathFirstHandlerMapping() {
      return new WebMvcRegistrations() {
        @Override
        public RequestMappingHandlerMapping getRequestMappingHandlerMapping() {
          return new PathFirstHandlerMapping();
        }
      };
    }
  }
}
