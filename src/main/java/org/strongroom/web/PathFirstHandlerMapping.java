package org.strongroom.web;

import jakarta.servlet.http.HttpServletRequest;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.EnumSet;
import java.util.HashMap;
import java.util.HashSet;
import java.util.List;
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
 * request's; any other is checked by MVC in full. Which mappings those are is found once per
 * request, from the mappings grouped by their number of {@code /} and the first segment their
 * patterns begin with; when exactly one of them
 * matches, it is the answer, given as MVC gives it, and MVC's walk through every mapping of
 * the application is skipped (see {@link #lookupHandlerMethod}). A pattern only matches a path
 * that starts with its literal beginning, each of its variables and {@code *} matches within
 * one segment, and MVC's method condition only lets through the methods it names (and HEAD and
 * OPTIONS, left to MVC here), so what matches is what MVC alone would match:
 * PathFirstHandlerMappingIntegrationTests compares the two, handler and request attributes, on
 * every mapping. Paths with percent-encoded characters, where the path's text is not what the
 * patterns see, get MVC's own lookup only, and so does every path when the patterns are made
 * case-insensitive.
 */
final class PathFirstHandlerMapping extends RequestMappingHandlerMapping {

  /** The request being mapped, or null when it must get MVC's own lookup only. */
  private static final ThreadLocal<Lookup> LOOKUP = new ThreadLocal<>();

  /**
   * Every registered mapping's quick check. A mapping enters before MVC registers it and leaves
   * after MVC has let it go, so that MVC never checks a mapping this does not know.
   */
  private final Map<RequestMappingInfo, Quick> quickChecks = new ConcurrentHashMap<>();

  /** The same, grouped by the number of {@code /} and first segment of their patterns; rebuilt on every change. */
  private volatile Index index = Index.of(Map.of());

  /**
   * Literal beginnings and counts of {@code /} only hold for case-sensitive patterns of paths
   * split at {@code /} (Spring's default for requests).
   */
  private boolean shapesHold;

  /**
   * The controller method of each registered mapping, as MVC's registry holds it. A mapping is
   * here only while MVC has it registered: added after MVC registers it, removed before MVC lets
   * it go, so that the lookup below never answers with a method MVC would not.
   */
  private final Map<RequestMappingInfo, HandlerMethod> handlerMethods = new ConcurrentHashMap<>();

  @Override
  protected void registerHandlerMethod(Object handler, Method method, RequestMappingInfo mapping) {
    register(mapping, () -> super.registerHandlerMethod(handler, method, mapping));
  }

  @Override
  public void registerMapping(RequestMappingInfo mapping, Object handler, Method method) {
    register(mapping, () -> super.registerMapping(mapping, handler, method));
  }

  /** Known before MVC registers it, its method kept once MVC has; forgotten if MVC refuses it. */
  private void register(RequestMappingInfo mapping, Runnable mvcRegistration) {
    known(mapping);
    try {
      mvcRegistration.run();
    } catch (RuntimeException refused) {
      forget(mapping);
      throw refused;
    }
    registered(mapping);
  }

  @Override
  public void unregisterMapping(RequestMappingInfo mapping) {
    handlerMethods.remove(mapping);
    super.unregisterMapping(mapping);
    forget(mapping);
  }

  private synchronized void known(RequestMappingInfo mapping) {
    quickChecks.put(mapping, Quick.of(mapping));
    index = Index.of(quickChecks);
  }

  private synchronized void forget(RequestMappingInfo mapping) {
    quickChecks.remove(mapping);
    index = Index.of(quickChecks);
  }

  private void registered(RequestMappingInfo mapping) {
    HandlerMethod handlerMethod = getHandlerMethods().get(mapping);
    if (handlerMethod != null) {
      handlerMethods.put(mapping, handlerMethod);
    }
  }

  @Override
  public void afterPropertiesSet() {
    PathPatternParser parser = getPatternParser();
    shapesHold = parser != null && parser.isCaseSensitive()
        && parser.getPathOptions().separator() == '/';
    super.afterPropertiesSet();
  }

  /**
   * Finds the mappings that may match the path and method once, from the index, and asks MVC
   * about those only. When exactly one of them matches, that is MVC's answer too (no other
   * mapping can match, and with one match MVC neither sorts nor checks for ambiguity), and it
   * is given as MVC gives it: the same request attribute, the same {@code handleMatch}. Anything
   * else (no match, several, a mapping still being registered) goes to MVC's own lookup, whose
   * call per mapping of the application is then a look through those few candidates.
   */
  @Override
  protected HandlerMethod lookupHandlerMethod(String lookupPath, HttpServletRequest request) throws Exception {
    if (!shapesHold || lookupPath.indexOf('%') >= 0) {
      return lookupByMvc(lookupPath, request, null);
    }
    Lookup lookup = index.lookup(lookupPath, RequestMethod.resolve(request.getMethod()));
    RequestMappingInfo matched = null;
    HandlerMethod handlerMethod = null;
    for (RequestMappingInfo candidate : lookup.candidates()) {
      RequestMappingInfo match = super.getMatchingMapping(candidate, request);
      if (match != null) {
        if (matched != null) {
          return lookupByMvc(lookupPath, request, lookup);
        }
        matched = match;
        handlerMethod = handlerMethods.get(candidate);
      }
    }
    if (handlerMethod == null) {
      return lookupByMvc(lookupPath, request, lookup);
    }
    request.setAttribute(BEST_MATCHING_HANDLER_ATTRIBUTE, handlerMethod);
    handleMatch(matched, lookupPath, request);
    return handlerMethod;
  }

  /** MVC's own lookup; with a lookup, mappings outside its candidates are passed over at once. */
  private HandlerMethod lookupByMvc(String lookupPath, HttpServletRequest request, Lookup lookup) throws Exception {
    Lookup outer = LOOKUP.get();
    LOOKUP.set(lookup);
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
    if (lookup != null && !lookup.mayMatch(info)) {
      return null;
    }
    return super.getMatchingMapping(info, request);
  }

  /** What the quick checks look at: the request's path, its number of {@code /}, its method. */
  private record PathAndMethod(String path, int separators, RequestMethod method) {
  }

  /** The mappings whose quick checks did not rule a request out: usually one or two. */
  private record Lookup(RequestMappingInfo[] candidates) {

    boolean mayMatch(RequestMappingInfo info) {
      for (RequestMappingInfo candidate : candidates) {
        if (candidate == info) {
          return true;
        }
      }
      return false;
    }
  }

  /**
   * The known mappings by the number of {@code /} one of their patterns needs and, within that,
   * by the first segment of the path their patterns begin with ({@code records} for
   * {@code /records/{id}}), and those with a pattern that spans segments (which any number may
   * match). A mapping with patterns of several counts is under each. One whose pattern at a
   * count begins with no whole first segment ({@code /login}, {@code /{name}}) is under that
   * count's {@link Segments#open}, looked at for every path: a pattern beginning {@code /S/}
   * matches only paths whose first segment is {@code S}, so a request looks at its own first
   * segment's mappings and the open ones, not at every mapping with its number of {@code /}.
   */
  private record Index(Map<Integer, Segments> bySeparators,
      List<Map.Entry<RequestMappingInfo, Quick>> spanning) {

    static Index of(Map<RequestMappingInfo, Quick> quickChecks) {
      Map<Integer, Map<String, List<Map.Entry<RequestMappingInfo, Quick>>>> grouped = new HashMap<>();
      List<Map.Entry<RequestMappingInfo, Quick>> spanning = new ArrayList<>();
      for (Map.Entry<RequestMappingInfo, Quick> entry : quickChecks.entrySet()) {
        Map.Entry<RequestMappingInfo, Quick> copy = Map.entry(entry.getKey(), entry.getValue());
        Map<Integer, Set<String>> segmentsByCount = new HashMap<>();
        for (Shape shape : entry.getValue().shapes()) {
          segmentsByCount.computeIfAbsent(shape.separators(), count -> new HashSet<>()).add(shape.firstSegment());
        }
        if (segmentsByCount.containsKey(Shape.ANY_SEPARATORS)) {
          spanning.add(copy);
          continue;
        }
        segmentsByCount.forEach((count, segments) -> {
          Map<String, List<Map.Entry<RequestMappingInfo, Quick>>> groups =
              grouped.computeIfAbsent(count, c -> new HashMap<>());
          if (segments.contains(Shape.NO_SEGMENT)) {
            groups.computeIfAbsent(Shape.NO_SEGMENT, s -> new ArrayList<>()).add(copy);
          } else {
            segments.forEach(segment -> groups.computeIfAbsent(segment, s -> new ArrayList<>()).add(copy));
          }
        });
      }
      Map<Integer, Segments> bySeparators = new HashMap<>();
      grouped.forEach((count, groups) -> bySeparators.put(count, Segments.of(groups)));
      return new Index(Map.copyOf(bySeparators), List.copyOf(spanning));
    }

    Lookup lookup(String path, RequestMethod method) {
      PathAndMethod request = new PathAndMethod(path, separators(path), method);
      List<RequestMappingInfo> candidates = new ArrayList<>();
      Segments segments = bySeparators.get(request.separators());
      if (segments != null) {
        addCandidates(segments.byFirst().getOrDefault(firstSegment(path), List.of()), request, candidates);
        addCandidates(segments.open(), request, candidates);
      }
      addCandidates(spanning, request, candidates);
      return new Lookup(candidates.toArray(RequestMappingInfo[]::new));
    }

    private static void addCandidates(List<Map.Entry<RequestMappingInfo, Quick>> entries, PathAndMethod request,
        List<RequestMappingInfo> candidates) {
      for (Map.Entry<RequestMappingInfo, Quick> entry : entries) {
        if (!entry.getValue().rulesOut(request)) {
          candidates.add(entry.getKey());
        }
      }
    }
  }

  /**
   * The mappings of one number of {@code /}: by the whole first segment their patterns begin
   * with, and those whose patterns do not begin with one ({@code open}).
   */
  private record Segments(Map<String, List<Map.Entry<RequestMappingInfo, Quick>>> byFirst,
      List<Map.Entry<RequestMappingInfo, Quick>> open) {

    static Segments of(Map<String, List<Map.Entry<RequestMappingInfo, Quick>>> groups) {
      Map<String, List<Map.Entry<RequestMappingInfo, Quick>>> byFirst = new HashMap<>();
      groups.forEach((segment, entries) -> {
        if (!segment.equals(Shape.NO_SEGMENT)) {
          byFirst.put(segment, List.copyOf(entries));
        }
      });
      return new Segments(Map.copyOf(byFirst), List.copyOf(groups.getOrDefault(Shape.NO_SEGMENT, List.of())));
    }
  }

  /**
   * The text between a path's first two {@code /}, or after its first when there is no second;
   * a path that does not begin with {@code /} has none (and only open mappings may match it).
   */
  private static String firstSegment(String path) {
    if (!path.startsWith("/")) {
      return Shape.NO_SEGMENT;
    }
    int end = path.indexOf('/', 1);
    return end < 0 ? path.substring(1) : path.substring(1, end);
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

    boolean rulesOut(PathAndMethod request) {
      return !anyMayMatch(request, shapes) || !allowsMethod(request.method());
    }

    private boolean allowsMethod(RequestMethod method) {
      return methods.isEmpty() || method == null || method == RequestMethod.HEAD
          || method == RequestMethod.OPTIONS || methods.contains(method);
    }

    private static boolean anyMayMatch(PathAndMethod request, Shape[] shapes) {
      for (Shape shape : shapes) {
        if (shape.mayMatch(request)) {
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
    /** Not a segment name ({@code /} cannot be in one): a pattern beginning with no whole first segment. */
    static final String NO_SEGMENT = "/";

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

    /**
     * The first segment every path this pattern matches has: what its literal beginning holds
     * between its first two {@code /}; {@link #NO_SEGMENT} when its beginning does not hold a
     * whole one ({@code /login} also begins {@code /login-help}, {@code /{x}} begins with nothing).
     */
    String firstSegment() {
      int end = beginning.indexOf('/', 1);
      return beginning.startsWith("/") && end > 1 ? beginning.substring(1, end) : NO_SEGMENT;
    }

    boolean mayMatch(PathAndMethod request) {
      return (separators == ANY_SEPARATORS || separators == request.separators())
          && request.path().startsWith(beginning);
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
