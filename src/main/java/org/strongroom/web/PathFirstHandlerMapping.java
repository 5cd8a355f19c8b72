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
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.mvc.condition.PathPatternsRequestCondition;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.pattern.PathPattern;

/**
 * Spring MVC's mapping of requests to controller methods, with a cheap look at the path and
 * method first. A path with a variable in it ({@code /api/records/{id}}) has no direct match,
 * so MVC checks every mapping, each through its method, headers, consumes and produces
 * conditions (each a few calls down the request wrappers) and its path last: 6.7 % of a record
 * read's CPU (docs/benchmarks.md, 2026-11-24). Here a mapping is passed over at once when none
 * of its patterns' literal beginnings ({@code /api/records/} for {@code /api/records/{id}})
 * starts the path, or when it names methods and not the request's; any other is checked by MVC
 * in full. A pattern only matches a path that starts with its literal beginning, and MVC's
 * method condition only lets through the methods it names (and HEAD and OPTIONS, left to MVC
 * here), so what matches is what MVC alone would match: PathFirstHandlerMappingTests compares
 * the two on every mapping. Paths with percent-encoded characters, where the path's text is not
 * what the patterns see, get MVC's own lookup only, and so does every path when the patterns
 * are made case-insensitive.
 */
final class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

  /** The request being mapped, or null when it must get MVC's own lookup only. */
  private static final ThreadLocal<Lookup> LOOKUP = new ThreadLocal<>();

  private final Map<RequestMappingInfo, Quick> quickChecks = new ConcurrentHashMap<>();

  /** Literal beginnings only hold for case-sensitive path patterns (Spring's default). */
  private boolean patternsCaseSensitive;

  @Override
  protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
    super.registerHandlerMethod(handler, method, mapping);
    quickChecks.put(mapping, Quick.of(mapping));
  }

  @Override
  public void afterPropertiesSet() {
    patternsCaseSensitive = getPatternParser() != null && getPatternParser().isCaseSensitive();
    super.afterPropertiesSet();
  }

  @Override
  protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
    Lookup outer = LOOKUP.get();
    boolean plainPath = patternsCaseSensitive && lookupPath.indexOf('%') < 0;
    LOOKUP.set(plainPath ? new Lookup(lookupPath, RequestMethod.resolve(request.getMethod())) : null);
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

  private record Lookup(String path, RequestMethod method) {
  }

  /**
   * What rules a mapping out before MVC looks: none of its patterns' literal beginnings starts
   * the path, or it names methods and not the request's. HEAD (answered by GET mappings) and
   * OPTIONS (answered for every mapping, CORS pre-flights included) are left to MVC.
   */
  private record Quick(String[] beginnings, Set<RequestMethod> methods) {

    static Quick of(RequestMappingInfo info) {
      Set<RequestMethod> methods = info.getMethodsCondition().getMethods();
      return new Quick(beginnings(info), methods.isEmpty() ? Set.of() : EnumSet.copyOf(methods));
    }

    boolean rulesOut(Lookup lookup) {
      return !startsWithAny(lookup.path(), beginnings) || !allowsMethod(lookup.method());
    }

    private boolean allowsMethod(RequestMethod method) {
      return methods.isEmpty() || method == null || method == RequestMethod.HEAD
          || method == RequestMethod.OPTIONS || methods.contains(method);
    }

    private static boolean startsWithAny(String path, String[] beginnings) {
      for (String beginning : beginnings) {
        if (path.startsWith(beginning)) {
          return true;
        }
      }
      return false;
    }

    /** Each pattern's text up to its first variable or wildcard; "" for a mapping without patterns. */
    private static String[] beginnings(RequestMappingInfo info) {
      PathPatternsRequestCondition patterns = info.getPathPatternsCondition();
      if (patterns == null) {
        return new String[] {""};
      }
      return patterns.getPatterns().stream().map(PathPattern::getPatternString).map(pattern -> {
        int end = 0;
        while (end < pattern.length() && "{*?".indexOf(pattern.charAt(end)) < 0) {
          end++;
        }
        return pattern.substring(0, end);
      }).toArray(String[]::new);
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
