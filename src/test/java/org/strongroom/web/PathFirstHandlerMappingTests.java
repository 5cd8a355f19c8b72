package org.strongroom.web;

import static org.assertj.core.api.Assertions.assertThat;

import java.util.ArrayList;
import java.util.List;
import java.util.Locale;

import org.junit.jupiter.api.BeforeEach;
import org.junit.jupiter.api.Test;
import org.springframework.beans.factory.annotation.Autowired;
import org.springframework.beans.factory.annotation.Qualifier;
import org.springframework.mock.web.MockHttpServletRequest;
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
 * or fails as it fails, for every mapping of the application: each of its paths (variables
 * filled in, and one segment longer, and a few spelt with percent-encoded letters), every method
 * (with an unknown one and a CORS pre-flight), and several Accept and Content-Type headers.
 */
@IntegrationTest
class PathFirstHandlerMappingTests {

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
    PathPatternParser parser = new PathPatternParser();
    parser.setCaseSensitive(caseSensitive);
    mapping.setPatternParser(parser);
    mapping.setApplicationContext(context);
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
    int mapped = 0;
    for (String path : paths()) {
      String capitals = path.toUpperCase(Locale.ROOT);
      for (String method : new String[] {"GET", "PUT", "POST"}) {
        String expected = outcome(springOwnAnyCase, method, capitals, null, "application/json");
        assertThat(outcome(pathFirstAnyCase, method, capitals, null, "application/json"))
            .as("%s %s", method, capitals).isEqualTo(expected);
        mapped += expected.equals("no handler") ? 0 : 1;
      }
    }
    assertThat(mapped).as("paths in capitals that case-insensitive patterns map").isGreaterThan(10);
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
      return chain.getHandler() instanceof HandlerMethod handler ? handler.getMethod().toString()
          : chain.getHandler().getClass().getName();
    } catch (Exception e) {
      return e.getClass().getName() + ": " + e.getMessage();
    }
  }
}
