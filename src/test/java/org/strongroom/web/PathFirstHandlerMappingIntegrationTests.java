package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.lang.reflect.Method;
import java.util.ArrayList;
import java.util.Collections;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
import org.springframework.mock.web.MockServletContext;
import org.springframework.stereotype.Controller;
import org.springframework.web.bind.annotation.GetMapping;
import org.springframework.web.bind.annotation.RequestMethod;
import org.springframework.web.context.support.GenericWebApplicationContext;
import org.springframework.web.accept.ContentNegotiationManager;
import org.springframework.web.context.WebApplicationContext;
import org.springframework.web.method.HandlerMethod;
import org.springframework.web.servlet.HandlerExecutionChain;
import org.springframework.web.servlet.mvc.method.RequestMappingInfo;
import org.springframework.web.servlet.mvc.method.annotation.RequestMappingHandlerMapping;
import org.springframework.web.util.ServletRequestPathUtils;
import org.springframework.web.util.pattern.PathPattern;
import org.springframework.web.util.pattern.PathPatternParser;
import org.strongroom.support.IntegrationTest;

/**
 * {@link PathFirstHandlerMapping} picks the controller method Spring MVC's own mapping picks,
 * and leaves the same request attributes (pattern, variables, media types, handler), or fails as
 * it fails, for every mapping of the application: each of its paths (variables
 * filled in; one segment longer, one shorter, with a trailing slash; and a few spelt with
 * percent-encoded letters), every method
 * (with an unknown one and a CORS pre-flight), and several Accept and Content-Type headers.
 */
@IntegrationTest
class PathFirstHandlerMappingIntegrationTests {

  /** PREFLIGHT stands for a CORS pre-flight request: OPTIONS with an Origin and the method asked for. */
  private static final String[] METHODS =
      {"GET", "HEAD", "POST", "PUT", "DELETE", "PATCH", "OPTIONS", "PROPFIND", "PREFLIGHT"};
  private static final String[] ACCEPTS = {null, "application/json", "text/html", "text/plain", "*/*"};
  private static final String[] CONTENT_TYPES = {null, "application/json", "application/x-www-form-urlencoded"};

  @Autowired
  WebApplicationContext context;

  @Autowired
  @Qualifier("mvcContentNegotiationManager")
  ContentNegotiationManager contentNegotiation;

  @Autowired
  RequestMappingHandlerMapping applicationMapping;

  RequestMappingHandlerMapping pathFirst;
  RequestMappingHandlerMapping springOwn;

  @BeforeEach
  void buildBothMappings() {
    pathFirst = configure(new PathFirstHandlerMapping());
    springOwn = configure(new RequestMappingHandlerMapping());
  }

  private RequestMappingHandlerMapping configure(RequestMappingHandlerMapping mapping) {
    return configure(mapping, true);
  }

  private RequestMappingHandlerMapping configure(RequestMappingHandlerMapping mapping, boolean caseSensitive) {
    return configure(mapping, caseSensitive, context);
  }

  private RequestMappingHandlerMapping configure(RequestMappingHandlerMapping mapping, boolean caseSensitive,
      WebApplicationContext controllers) {
    PathPatternParser parser = new PathPatternParser();
    parser.setCaseSensitive(caseSensitive);
    mapping.setPatternParser(parser);
    mapping.setApplicationContext(controllers);
    mapping.setContentNegotiationManager(contentNegotiation);
    mapping.afterPropertiesSet();
    return mapping;
  }

  @Test
  void theApplicationUsesThePathFirstMapping() {
    assertThat(applicationMapping).isInstanceOf(PathFirstHandlerMapping.class);
  }

  @Test
  void everyRequestIsMappedAsSpringMvcMapsIt() throws Exception {
    List<String> paths = paths();
    assertThat(springOwn.getHandlerMethods()).hasSizeGreaterThan(30);
    int compared = 0;
    for (String path : paths) {
      for (String method : METHODS) {
        for (String accept : ACCEPTS) {
          for (String contentType : CONTENT_TYPES) {
            String expected = outcome(springOwn, method, path, accept, contentType);
            String actual = outcome(pathFirst, method, path, accept, contentType);
            assertThat(actual).as("%s %s Accept %s Content-Type %s", method, path, accept, contentType)
                .isEqualTo(expected);
            compared++;
          }
        }
      }
    }
    assertThat(compared).isGreaterThan(1000);
  }

  @Test
  void withCaseInsensitivePatternsPathsSpeltInCapitalsAreMappedAsSpringMvcMapsThem() throws Exception {
    RequestMappingHandlerMapping pathFirstAnyCase = configure(new PathFirstHandlerMapping(), false);
    RequestMappingHandlerMapping springOwnAnyCase = configure(new RequestMappingHandlerMapping(), false);
    List<String> capitals = paths().stream().map(path -> path.toUpperCase(Locale.ROOT)).toList();
    List<String> outcomes = assertMappedAlike(pathFirstAnyCase, springOwnAnyCase, capitals,
        new String[] {"GET", "PUT", "POST"}, "application/json");
    assertThat(outcomes.stream().filter(outcome -> !outcome.equals("no handler")))
        .as("paths in capitals that case-insensitive patterns map").hasSizeGreaterThan(10);
  }

  /** The application has no pattern spanning segments ({@code **}, {@code {*rest}}); these do. */
  @Test
  void patternsSpanningSegmentsAreMappedAsSpringMvcMapsThem() throws Exception {
    GenericWebApplicationContext controllers = new GenericWebApplicationContext(new MockServletContext());
    controllers.registerBean(SpanningController.class);
    controllers.refresh();
    RequestMappingHandlerMapping pathFirstSpanning = configure(new PathFirstHandlerMapping(), true, controllers);
    RequestMappingHandlerMapping springOwnSpanning = configure(new RequestMappingHandlerMapping(), true, controllers);
    List<String> outcomes = assertMappedAlike(pathFirstSpanning, springOwnSpanning,
        List.of("/static", "/static/", "/static/a", "/static/a/b/c", "/docs", "/docs/", "/docs/x/y/z",
            "/a/1/b", "/a/1/c", "/a/1", "/a/1/b/", "/a/1/b/c", "/a//b", "/"),
        new String[] {"GET", "POST"}, null);
    assertThat(outcomes.stream().filter(outcome -> outcome.startsWith("void ")))
        .as("paths the spanning patterns map").hasSizeGreaterThan(8);
  }

  /**
   * Mappings are looked up by the first segment their patterns begin with; these patterns begin
   * with none ({@code /{first}/b}, {@code /log{x}/c}, {@code /a}), with the same one at other
   * counts of {@code /}, or with one that another only starts ({@code /a/…}, {@code /ab/…},
   * {@code /a-b/…}), and a mapping has patterns in several groups.
   */
  @Test
  void patternsGroupedByFirstSegmentAreMappedAsSpringMvcMapsThem() throws Exception {
    GenericWebApplicationContext controllers = new GenericWebApplicationContext(new MockServletContext());
    controllers.registerBean(FirstSegmentController.class);
    controllers.refresh();
    RequestMappingHandlerMapping pathFirstSegments = configure(new PathFirstHandlerMapping(), true, controllers);
    RequestMappingHandlerMapping springOwnSegments = configure(new RequestMappingHandlerMapping(), true, controllers);
    List<String> outcomes = assertMappedAlike(pathFirstSegments, springOwnSegments,
        List.of("/a", "/a/", "/a/1", "/a/1/c", "/ab/1", "/ab", "/a-b/1", "/a/b", "/x/b", "/log/c", "/login/c",
            "/logx/c", "/lo/c", "/ab/1/b", "/z/1", "/z/1/b", "/y/b", "//b", "/a//b", "a/b", "/"),
        new String[] {"GET", "POST"}, null);
    assertThat(outcomes.stream().filter(outcome -> outcome.startsWith("void ")))
        .as("paths the grouped patterns map").hasSizeGreaterThan(10);
  }

  /**
   * A mapping registered or removed while the application runs (MVC's registerMapping and
   * unregisterMapping) is found, and then no longer found, as MVC alone finds it: the index of
   * quick checks follows every change, so no mapping is ruled out unchecked.
   */
  @Test
  void mappingsRegisteredAndRemovedAtRunTimeAreMappedAsSpringMvcMapsThem() throws Exception {
    Method handler = SpanningController.class.getDeclaredMethod("twoVariables");
    RequestMappingInfo.BuilderConfiguration options = new RequestMappingInfo.BuilderConfiguration();
    options.setPatternParser(new PathPatternParser());
    List<String> paths = List.of("/api/records/x/late", "/api/records/x/late/", "/api/records/x", "/late/a/b");
    String[] methods = {"GET", "PUT", "HEAD"};
    List<String> before = assertMappedAlike(pathFirst, springOwn, paths, methods, null);
    for (RequestMappingHandlerMapping mapping : List.of(pathFirst, springOwn)) {
      RequestMappingInfo late = RequestMappingInfo.paths("/api/records/{id}/late", "/late/{a}/{b}")
          .methods(RequestMethod.GET).options(options).build();
      mapping.registerMapping(late, new SpanningController(), handler);
    }
    List<String> registered = assertMappedAlike(pathFirst, springOwn, paths, methods, null);
    assertThat(registered).as("the paths the late mapping maps")
        .anyMatch(outcome -> outcome.startsWith(handler.toString()));
    for (RequestMappingHandlerMapping mapping : List.of(pathFirst, springOwn)) {
      RequestMappingInfo late = mapping.getHandlerMethods().keySet().stream()
          .filter(info -> info.getPatternValues().contains("/late/{a}/{b}")).findFirst().orElseThrow();
      mapping.unregisterMapping(late);
    }
    assertThat(assertMappedAlike(pathFirst, springOwn, paths, methods, null)).isEqualTo(before);
  }

  /** Asserts that both mappings give each path and method the same outcome; returns Spring's. */
  private static List<String> assertMappedAlike(RequestMappingHandlerMapping pathFirst,
      RequestMappingHandlerMapping springOwn, List<String> paths, String[] methods, String contentType) {
    List<String> outcomes = new ArrayList<>();
    for (String path : paths) {
      for (String method : methods) {
        String expected = outcome(springOwn, method, path, null, contentType);
        assertThat(outcome(pathFirst, method, path, null, contentType)).as("%s %s", method, path)
            .isEqualTo(expected);
        outcomes.add(expected);
      }
    }
    return outcomes;
  }

  @Controller
  static class FirstSegmentController {
    @GetMapping("/{first}/b")
    void anyFirstSegment() {
    }

    @GetMapping("/log{x}/c")
    void firstSegmentStartingLog() {
    }

    @GetMapping("/a")
    void justA() {
    }

    @GetMapping("/a/{x}")
    void underA() {
    }

    @GetMapping("/ab/{x}")
    void underAb() {
    }

    @GetMapping("/a-b/{x}")
    void underADashB() {
    }

    @GetMapping({"/z/{x}", "/ab/{x}/b", "/y/b"})
    void inSeveralGroups() {
    }
  }

  @Controller
  static class SpanningController {
    @GetMapping("/static/**")
    void everythingUnderStatic() {
    }

    @GetMapping("/docs/{*rest}")
    void theRestOfDocs() {
    }

    @GetMapping("/a/*/b")
    void oneSegmentInTheMiddle() {
    }

    @GetMapping("/a/{x}/{y}")
    void twoVariables() {
    }
  }

  /** Each pattern with its variables filled in, the same one segment longer, and a few unmapped paths. */
  private List<String> paths() {
    List<String> paths = new ArrayList<>(List.of("/", "/nothing-here", "/api/nothing", "/api/records/x/y/z/w",
        "/api/rec%6Frds/v1", "/api/records/v%31/files", "/%61pi/records/"));
    for (RequestMappingInfo info : springOwn.getHandlerMethods().keySet()) {
      for (PathPattern pattern : info.getPathPatternsCondition().getPatterns()) {
        String path = pattern.getPatternString().replaceAll("\\{[^}]+}", "v1");
        paths.add(path.isEmpty() ? "/" : path);
        paths.add(path + "/extra");
        paths.add(path + "/");
        paths.add(path.substring(0, Math.max(0, path.lastIndexOf('/'))));
      }
    }
    return paths;
  }

  private static String outcome(RequestMappingHandlerMapping mapping, String method, String path, String accept,
      String contentType) {
    boolean preflight = method.equals("PREFLIGHT");
    MockHttpServletRequest request = new MockHttpServletRequest(preflight ? "OPTIONS" : method, path);
    if (preflight) {
      request.addHeader("Origin", "https://elsewhere.example");
      request.addHeader("Access-Control-Request-Method", "PUT");
    }
    if (accept != null) {
      request.addHeader("Accept", accept);
    }
    if (contentType != null) {
      request.setContentType(contentType);
    }
    ServletRequestPathUtils.parseAndCache(request);
    try {
      HandlerExecutionChain chain = mapping.getHandler(request);
      if (chain == null) {
        return "no handler";
      }
      String handler = chain.getHandler() instanceof HandlerMethod handlerMethod ? handlerMethod.getMethod().toString()
          : chain.getHandler().getClass().getName();
      return handler + attributes(request);
    } catch (Exception e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }

  /** What the mapping left on the request for MVC (matched pattern, variables, media types, handler). */
  private static String attributes(MockHttpServletRequest request) {
    StringBuilder attributes = new StringBuilder();
    for (String name : Collections.list(request.getAttributeNames()).stream().sorted().toList()) {
      attributes.append(", ").append(name).append('=').append(request.getAttribute(name));
    }
    return attributes.toString();
  }
}
